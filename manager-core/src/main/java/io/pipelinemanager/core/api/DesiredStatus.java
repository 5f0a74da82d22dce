package io.pipelinemanager.core.api;

/**
 * What a client asked a pipeline to be; the reconciler drives {@link PipelineStatus} towards it.
 * Which requests are allowed in which actual status is decided by {@link #acceptsRequest}.
 */
public enum DesiredStatus {
    /** Shut down and release all state. */
    STOPPED,
    /** Instantiated but not processing input. */
    PAUSED,
    /** Processing input. */
    RUNNING;

    /**
     * Whether a request to move to {@code this} desired status is allowed for a pipeline that is
     * currently {@code actual} and was last asked to be {@code current}. Shutdown is always
     * allowed; start and pause are refused while the pipeline has failed (shut it down first)
     * or is still shutting down.
     */
    public boolean acceptsRequest(PipelineStatus actual, DesiredStatus current) {
        if (this == STOPPED) {
            return true;
        }
        if (actual == PipelineStatus.FAILED || actual == PipelineStatus.STOPPING) {
            return false;
        }
        return current != STOPPED || actual == PipelineStatus.STOPPED;
    }
}
