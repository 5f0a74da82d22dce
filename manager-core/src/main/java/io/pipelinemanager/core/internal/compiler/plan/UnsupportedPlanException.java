package io.pipelinemanager.core.internal.compiler.plan;

/**
 * Thrown while translating a plan that uses a construct the engine cannot run; becomes an
 * "Unsupported" diagnostic. {@code operator} names the offending function or operator when known,
 * so the diagnostic can point at its use.
 */
public final class UnsupportedPlanException extends RuntimeException {

    private final String operator;

    /** With a user-facing explanation. */
    public UnsupportedPlanException(String message) {
        this(message, null);
    }

    /** With a user-facing explanation and the name of the unsupported function or operator. */
    public UnsupportedPlanException(String message, String operator) {
        super(message, null, false, false);
        this.operator = operator;
    }

    /** The unsupported function or operator name, or null. */
    public String operator() {
        return operator;
    }
}
