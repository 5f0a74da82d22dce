package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.Row;

/**
 * An operator failed on one row: wraps the error with the row it was evaluating (an input row of a
 * projection or filter, the pair of a join, the key of an aggregate's group). The circuit unwraps it into
 * its {@code CircuitStepException}; nothing else sees it.
 */
public final class RowFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Row row;

    /** {@code cause} raised while evaluating {@code row}. */
    public RowFailure(Row row, RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
        this.row = row;
    }

    /** The row being evaluated when the operator failed. */
    public Row row() {
        return row;
    }

    /** The error itself. */
    public RuntimeException error() {
        return (RuntimeException) getCause();
    }
}
