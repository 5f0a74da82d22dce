package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** Three-valued NOT: NULL stays NULL. */
public record NotExpr(Expr operand, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        Object v = operand.eval(row);
        return v == null ? null : !(Boolean) v;
    }
}
