package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored pipeline. {@code programVersion} is the program version pinned at the last start
 * (null before the first start); {@code error} is set only while {@code status} is FAILED.
 * {@code version} starts at 1 and grows by one with every client edit. {@code stateSince} is when the
 * pipeline's current run began (it became RUNNING or PAUSED); null when it is not running or paused.
 * After a restart of the manager, or a takeover by another instance, a pipeline whose
 * {@link FaultTolerance} is not {@code none} resumes its stored state; with {@code none} the state starts
 * empty again and {@code stateSince} says so: changes pushed before it are not in the views.
 */
public record Pipeline(
        PipelineId id,
        TenantId tenant,
        String name,
        String description,
        ProgramId programId,
        Long programVersion,
        PipelineConfig config,
        DesiredStatus desiredStatus,
        PipelineStatus status,
        Instant statusSince,
        PipelineError error,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant stateSince) {

    public Pipeline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusSince, "statusSince");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether the pipeline is fully stopped (actual and desired), i.e. may be edited or deleted. */
    public boolean isFullyStopped() {
        return status == PipelineStatus.STOPPED && desiredStatus == DesiredStatus.STOPPED;
    }
}
