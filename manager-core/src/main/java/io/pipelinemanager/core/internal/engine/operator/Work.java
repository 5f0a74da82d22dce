package io.pipelinemanager.core.internal.engine.operator;

import java.time.LocalDateTime;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;

/**
 * A mutable counter of state entries visited or updated by an operator during a step. With a
 * {@link StepBudget}, every unit is also charged to the budget at the estimated size of one output row
 * of the operator, so an operator about to build too much stops before it allocates.
 */
public final class Work {
    private long count;
    private StepBudget budget;
    private long bytesPerUnit;
    private final UndoLog undo;
    private LocalDateTime now = LocalDateTime.MIN;
    private java.util.Map<String, Object> watermarks = java.util.Map.of();

    /** A counter whose operators record their state changes in {@code undo} (null: they record nothing). */
    public Work(UndoLog undo) {
        this.undo = undo;
    }

    /** A counter for a step that is not recorded (a one-shot evaluation). */
    public Work() {
        this(null);
    }

    /**
     * Where operators record the inverse of every change they make to their state during this step (see
     * {@link UndoLog}), or null when the step is not recorded (nothing to roll back: a one-shot evaluation).
     */
    public UndoLog undo() {
        return undo;
    }

    /**
     * The circuit's clock for this step (UTC, what {@code NOW()} is): the same value for every operator of a
     * step, so a step is a function of its input deltas and this time.
     */
    public LocalDateTime now() {
        return now;
    }

    /** Sets the step's clock value (the circuit does this once per step). */
    public void now(LocalDateTime time) {
        this.now = time;
    }

    /**
     * The watermarks of the tables with a {@code LATENESS} column as the step began (table name → value; see
     * {@link Lateness}): every row of the step is at or above them, so
     * state keyed below a bound derived from them ({@link ColumnBound}) can no longer change.
     */
    public java.util.Map<String, Object> watermarks() {
        return watermarks;
    }

    /** Sets the step's watermarks (the circuit does this once per step). */
    public void watermarks(java.util.Map<String, Object> values) {
        this.watermarks = java.util.Map.copyOf(values);
    }

    /** Adds {@code n} units of work. */
    public void add(long n) {
        count += n;
        if (budget != null) {
            budget.charge(n > Long.MAX_VALUE / bytesPerUnit ? Long.MAX_VALUE : n * bytesPerUnit);
        }
    }

    /** Adds one unit of work. */
    public void inc() {
        add(1);
    }

    /** The work counted so far. */
    public long count() {
        return count;
    }

    /** Resets to zero. */
    public void reset() {
        count = 0;
    }

    /**
     * Charges later units to {@code budget} (null: none) at {@code bytesPerUnit} each (positive), until the
     * next call; the circuit sets this before each operator runs.
     */
    public void chargeTo(StepBudget budget, long bytesPerUnit) {
        if (budget != null && bytesPerUnit <= 0) {
            throw new IllegalArgumentException("bytesPerUnit must be positive");
        }
        this.budget = budget;
        this.bytesPerUnit = bytesPerUnit;
    }
}
