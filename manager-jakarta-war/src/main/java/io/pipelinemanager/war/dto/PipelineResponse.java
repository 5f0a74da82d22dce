package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A stored pipeline as the API shows it. */
@Schema(name = "Pipeline")
public record PipelineResponse(
        UUID id,
        String name,
        String description,
        @JsonProperty("program_id") UUID programId,
        @JsonProperty("program_version") @Schema(description = "Program version pinned at the last start; null before")
        Long programVersion,
        PipelineConfigDto config,
        @JsonProperty("desired_status") @Schema(enumeration = {"STOPPED", "PAUSED", "RUNNING"})
        String desiredStatus,
        @Schema(enumeration = {"STOPPED", "PROVISIONING", "INITIALIZING", "PAUSED", "RUNNING", "STOPPING", "FAILED"})
        String status,
        @JsonProperty("status_since") @Schema(format = "date-time") String statusSince,
        @Schema(description = "Why the pipeline failed; null unless status is FAILED")
        ErrorBody error,
        @Schema(description = "Grows by one with every client edit")
        long version,
        @JsonProperty("created_at") @Schema(format = "date-time") String createdAt,
        @JsonProperty("updated_at") @Schema(format = "date-time") String updatedAt,
        @JsonProperty("state_since") @Schema(format = "date-time", description = "When the pipeline's current "
                + "in-memory state began (it became RUNNING or PAUSED with an empty state); null when it is not running "
                + "or paused. After a server restart or a takeover the state starts empty again and state_since is "
                + "later than changes pushed before, which the views then do not contain")
        String stateSince) {

    /** Maps the core record. */
    public static PipelineResponse of(Pipeline p) {
        PipelineError e = p.error();
        return new PipelineResponse(p.id().value(), p.name(), p.description(), p.programId().value(),
                p.programVersion(), PipelineConfigDto.of(p.config()), p.desiredStatus().name(), p.status().name(),
                iso(p.statusSince()), e == null ? null : new ErrorBody(e.code().name(), e.message(), e.details()),
                p.version(), iso(p.createdAt()), iso(p.updatedAt()),
                p.stateSince() == null ? null : iso(p.stateSince()));
    }

    private static String iso(java.time.Instant instant) {
        return instant.toString();
    }
}
