package io.pipelinemanager.core.internal.engine.operator;

/** A mutable counter of state entries visited or updated by an operator during a step. */
public final class Work {
    private long count;

    /** Adds {@code n} units of work. */
    public void add(long n) {
        count += n;
    }

    /** Adds one unit of work. */
    public void inc() {
        count++;
    }

    /** The work counted so far. */
    public long count() {
        return count;
    }

    /** Resets to zero. */
    public void reset() {
        count = 0;
    }
}
