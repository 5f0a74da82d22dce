package io.pipelinemanager.core.internal.engine.operator;

/** An evaluation needed more memory than its {@link StepBudget}; it was abandoned before building it. */
public final class StepBudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;
    private final long requestedBytes;

    StepBudgetExceededException(long limitBytes, long requestedBytes) {
        super("the evaluation needs more than its budget of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
        this.requestedBytes = requestedBytes;
    }

    /** The budget that was exceeded, in estimated bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** The estimated bytes charged when the budget was exceeded. */
    public long requestedBytes() {
        return requestedBytes;
    }
}
