package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** A reference to input column {@code index}. */
public record InputRef(int index, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        return row.get(index);
    }
}
