package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** PostgreSQL-style CONCAT(a, b, ...): NULL arguments are skipped; never NULL. */
public record ConcatIgnoringNulls(Expr[] operands, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : operands) {
            Object v = e.eval(row);
            if (v != null) {
                sb.append(Texts.toText(v));
            }
        }
        return sb.toString();
    }
}
