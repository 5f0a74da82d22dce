package io.pipelinemanager.core.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Actual status of a pipeline, written only by the reconciler:
 * {@code STOPPED → PROVISIONING → INITIALIZING → PAUSED ⇄ RUNNING → STOPPING → STOPPED}, and
 * {@code FAILED} from any active status (left only through {@code STOPPING} after a shutdown).
 * An instantiated pipeline goes back to {@code PROVISIONING} when the manager instance running it
 * died or restarted and another instance takes it over (it resumes its stored state unless its
 * {@link FaultTolerance} is {@code none}).
 */
public enum PipelineStatus {
    /** Not running; the only status in which a pipeline may be edited or deleted. */
    STOPPED,
    /** Waiting for the program to compile and for resources. */
    PROVISIONING,
    /** The circuit is being instantiated. */
    INITIALIZING,
    /** Instantiated; accepts no steps until resumed. */
    PAUSED,
    /** Processing input. */
    RUNNING,
    /** Shutting down; its state is being released. */
    STOPPING,
    /** Stopped by an error; the pipeline's error says why. A shutdown clears it. */
    FAILED;

    /** Statuses this one may move to. */
    public Set<PipelineStatus> successors() {
        return switch (this) {
            case STOPPED -> EnumSet.of(PROVISIONING);
            case PROVISIONING -> EnumSet.of(INITIALIZING, STOPPING, FAILED);
            case INITIALIZING -> EnumSet.of(PAUSED, RUNNING, STOPPING, FAILED, PROVISIONING);
            case PAUSED -> EnumSet.of(RUNNING, STOPPING, FAILED, PROVISIONING);
            case RUNNING -> EnumSet.of(PAUSED, STOPPING, FAILED, PROVISIONING);
            case STOPPING -> EnumSet.of(STOPPED, FAILED);
            case FAILED -> EnumSet.of(STOPPING);
        };
    }

    /** Whether a move from this status to {@code next} is allowed. */
    public boolean canMoveTo(PipelineStatus next) {
        return successors().contains(next);
    }
}
