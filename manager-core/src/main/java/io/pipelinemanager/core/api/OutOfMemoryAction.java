package io.pipelinemanager.core.api;

/**
 * What the manager does when one of its own threads runs out of memory (configuration key
 * {@code pm.on-out-of-memory}, builder method {@code onOutOfMemory}).
 */
public enum OutOfMemoryAction {
    /** Fail the pipelines running in this instance, report it unhealthy for a while, keep serving ({@code stop-pipelines}). */
    STOP_PIPELINES("stop-pipelines"),
    /** Halt the process with status 3 for an orchestrator to restart it ({@code exit}). */
    EXIT("exit");

    private final String value;

    OutOfMemoryAction(String value) {
        this.value = value;
    }

    /** The configuration value, e.g. {@code stop-pipelines}. */
    public String value() {
        return value;
    }
}
