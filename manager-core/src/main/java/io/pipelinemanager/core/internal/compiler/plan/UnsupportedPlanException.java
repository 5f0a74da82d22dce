package io.pipelinemanager.core.internal.compiler.plan;

/** Thrown while translating a plan that uses a construct the engine cannot run; becomes an "Unsupported" diagnostic. */
public final class UnsupportedPlanException extends RuntimeException {

    /** With a user-facing explanation. */
    public UnsupportedPlanException(String message) {
        super(message, null, false, false);
    }
}
