package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** COALESCE: the first non-NULL operand (evaluated lazily), converted to the result type. */
public record CoalesceExpr(Expr[] operands, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        for (Expr e : operands) {
            Object v = e.eval(row);
            if (v != null) {
                return Casts.coerce(v, type);
            }
        }
        return null;
    }
}
