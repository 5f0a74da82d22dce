package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** Three-valued AND over n operands: FALSE wins, then NULL, else TRUE. */
public record AndExpr(Expr[] operands, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        boolean sawNull = false;
        for (Expr e : operands) {
            Object v = e.eval(row);
            if (v == null) {
                sawNull = true;
            } else if (!(Boolean) v) {
                return Boolean.FALSE;
            }
        }
        return sawNull ? null : Boolean.TRUE;
    }
}
