package io.pipelinemanager.core.internal.engine.operator;

/**
 * A bound on the memory one evaluation may build: operators charge the rows they visit or produce
 * (their {@link io.pipelinemanager.core.internal.engine.operator.Work}) at an estimated size per row of
 * their output, before they allocate it; once the charges pass {@link #limitBytes()} the evaluation
 * stops with {@link StepBudgetExceededException}. The estimate counts what a step keeps alive until it
 * ends (operator outputs, join indexes, group state), not the inputs, which the caller already holds.
 */
public final class StepBudget {

    /** Estimated bytes of one row held in a Z-set: row object, value array, map entry and weight cell. */
    static final long ROW_OVERHEAD_BYTES = 96;
    /** Estimated bytes per column: the array slot plus a share of a boxed value. */
    static final long COLUMN_BYTES = 16;

    private final long limitBytes;
    private long usedBytes;

    /** A budget of {@code limitBytes} estimated bytes (positive). */
    public StepBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be positive");
        }
        this.limitBytes = limitBytes;
    }

    /** The estimated size of one row of {@code arity} columns held in a Z-set. */
    public static long rowBytes(int arity) {
        return ROW_OVERHEAD_BYTES + COLUMN_BYTES * Math.max(0, arity);
    }

    /** Charges {@code bytes}; throws once the total passes the limit. */
    public void charge(long bytes) {
        usedBytes = bytes > Long.MAX_VALUE - usedBytes ? Long.MAX_VALUE : usedBytes + bytes;
        if (usedBytes > limitBytes) {
            throw new StepBudgetExceededException(limitBytes, usedBytes);
        }
    }

    /** Estimated bytes charged so far. */
    public long usedBytes() {
        return usedBytes;
    }

    /** The limit in estimated bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
