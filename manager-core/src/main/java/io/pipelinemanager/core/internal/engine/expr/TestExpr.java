package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** IS [NOT] NULL / TRUE / FALSE / UNKNOWN: never returns NULL. */
public record TestExpr(Fn test, Expr operand, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        Object v = operand.eval(row);
        switch (test) {
            case IS_NULL:
            case IS_UNKNOWN:
                return v == null;
            case IS_NOT_NULL:
            case IS_NOT_UNKNOWN:
                return v != null;
            case IS_TRUE:
                return v == Boolean.TRUE;
            case IS_NOT_TRUE:
                return v != Boolean.TRUE;
            case IS_FALSE:
                return v == Boolean.FALSE;
            case IS_NOT_FALSE:
                return v != Boolean.FALSE;
            default:
                throw new IllegalStateException("not a test: " + test);
        }
    }
}
