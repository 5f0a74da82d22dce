package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** CAST(operand AS type) with SQL conversion rules and overflow checks (see {@link Casts}). */
public record CastExpr(Expr operand, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        return Casts.cast(operand.eval(row), type);
    }
}
