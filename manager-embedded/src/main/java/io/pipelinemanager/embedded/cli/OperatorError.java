package io.pipelinemanager.embedded.cli;

/** A failure the operator can fix: reported as one line on standard error with its exit code, no stack trace. */
final class OperatorError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    OperatorError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
