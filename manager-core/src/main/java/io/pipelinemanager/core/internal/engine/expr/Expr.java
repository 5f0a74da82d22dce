package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** A scalar SQL expression over one input row. */
public interface Expr {
    /** Evaluates over {@code row}; returns null for SQL NULL; may throw SqlRuntimeException. */
    Object eval(Row row);

    /** The SQL result type. */
    SqlType type();
}
