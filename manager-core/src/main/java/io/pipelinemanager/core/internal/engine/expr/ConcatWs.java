package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** PostgreSQL's CONCAT_WS(separator, values...): NULL when the separator is NULL; NULL values are skipped. */
public record ConcatWs(Expr[] operands, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        Object separator = operands[0].eval(row);
        if (separator == null) {
            return null;
        }
        Object[] values = new Object[operands.length - 1];
        for (int i = 1; i < operands.length; i++) {
            values[i - 1] = operands[i].eval(row);
        }
        return PgStrings.concatWs((String) separator, values);
    }
}
