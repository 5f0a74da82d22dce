package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** Three-valued OR over n operands: TRUE wins, then NULL, else FALSE. */
public record OrExpr(Expr[] operands, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        boolean sawNull = false;
        for (Expr e : operands) {
            Object v = e.eval(row);
            if (v == null) {
                sawNull = true;
            } else if ((Boolean) v) {
                return Boolean.TRUE;
            }
        }
        return sawNull ? null : Boolean.FALSE;
    }
}
