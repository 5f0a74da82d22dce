package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.Set;

/**
 * A step failed inside an operator (overflow, division by zero, SINGLE_VALUE violation, ...).
 * The step was rolled back: the circuit instance that threw it is as before the step and stays usable
 * (unless a one-shot evaluation threw it); no deltas were returned.
 */
public final class CircuitStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int operatorId;
    private final String operatorKind;
    private final Set<String> views;
    private final SqlRuntimeException.Code code;
    private final transient Row row;

    /** Wraps {@code cause} raised by operator {@code operatorId} while it evaluated {@code row} (null: unknown). */
    public CircuitStepException(int operatorId, String operatorKind, String label, Set<String> views,
                                RuntimeException cause, Row row) {
        super(message(operatorId, operatorKind, label, views, cause), cause);
        this.operatorId = operatorId;
        this.operatorKind = operatorKind;
        this.views = views;
        this.code = cause instanceof SqlRuntimeException ? ((SqlRuntimeException) cause).code() : null;
        this.row = row;
    }

    /**
     * The row the operator was evaluating when it failed, or null when unknown: an input row of a projection
     * or filter (whose columns are the operator's input, not necessarily a table's), the left and right row of
     * a join pair, or the group key of an aggregate.
     */
    public Row row() {
        return row;
    }

    private static String message(int id, String kind, String label, Set<String> views, RuntimeException cause) {
        StringBuilder sb = new StringBuilder("runtime error in operator #").append(id).append(' ').append(kind);
        if (label != null) {
            sb.append(" (").append(label).append(')');
        }
        if (!views.isEmpty()) {
            sb.append(" of view ").append(String.join(", ", views));
        }
        return sb.append(": ").append(cause.getMessage()).toString();
    }

    /** Id of the failing operator (as in {@link OperatorCounters#id()}). */
    public int operatorId() {
        return operatorId;
    }

    /** Kind of the failing operator (e.g. "AGGREGATE"). */
    public String operatorKind() {
        return operatorKind;
    }

    /** Views fed by the failing operator. */
    public Set<String> views() {
        return views;
    }

    /** The SQL error code, or null for an internal error. */
    public SqlRuntimeException.Code code() {
        return code;
    }
}
