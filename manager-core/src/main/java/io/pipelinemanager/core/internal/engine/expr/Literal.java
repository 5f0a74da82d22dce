package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** A constant (already in engine representation; see {@link Exprs#literal}). */
public record Literal(Object value, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        return value;
    }
}
