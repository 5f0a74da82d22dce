package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** NULLIF(a, b): NULL when a = b (TRUE), else a. */
public record NullIfExpr(Expr left, Expr right, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        Object a = left.eval(row);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row);
        return b != null && Values.compare(a, b) == 0 ? null : Casts.coerce(a, type);
    }
}
