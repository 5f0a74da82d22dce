package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.CheckpointStats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A running pipeline's checkpoints and input journal, part of its statistics. */
@Schema(name = "CheckpointStats")
public record CheckpointStatsResponse(
        @JsonProperty("fault_tolerance") @Schema(enumeration = {"none", "checkpoint", "exactly_once"},
                description = "The mode in effect (none when the server has no checkpoint store)") String faultTolerance,
        @Schema(description = "The checkpoint store: directory or database; null in mode none") String store,
        @Schema(description = "Checkpoints this run has written") long checkpoints,
        @JsonProperty("last_checkpoint_step")
        @Schema(description = "The step the last checkpoint holds (written by this run or loaded at start); -1: none")
        long lastCheckpointStep,
        @JsonProperty("last_checkpoint_at") @Schema(format = "date-time", description = "When it was captured; null: none")
        String lastCheckpointAt,
        @JsonProperty("last_checkpoint_bytes") @Schema(description = "Its stored size") long lastCheckpointBytes,
        @JsonProperty("last_checkpoint_millis")
        @Schema(description = "From capture until durable (encoded and written in the background)") long lastCheckpointMillis,
        @JsonProperty("last_checkpoint_pause_micros")
        @Schema(description = "How long steps stood still to capture it (ingress does not wait)") long lastCheckpointPauseMicros,
        @JsonProperty("last_checkpoint_error") @Schema(description = "Why the last attempt failed; null when it succeeded")
        String lastCheckpointError,
        @JsonProperty("journal_bytes") @Schema(description = "Bytes the input journal holds (exactly_once)") long journalBytes,
        @JsonProperty("recovery_millis")
        @Schema(description = "How long loading the checkpoint and replaying the journal took at start") long recoveryMillis,
        @JsonProperty("replayed_records") @Schema(description = "Input records replayed from the journal at start")
        long replayedRecords) {

    /** Maps the core record. */
    public static CheckpointStatsResponse of(CheckpointStats c) {
        return new CheckpointStatsResponse(c.faultTolerance().value(), c.store(), c.checkpoints(), c.lastCheckpointStep(),
                c.lastCheckpointAt() == null ? null : c.lastCheckpointAt().toString(), c.lastCheckpointBytes(),
                c.lastCheckpointMillis(), c.lastCheckpointPauseMicros(), c.lastCheckpointError(), c.journalBytes(),
                c.recoveryMillis(), c.replayedRecords());
    }
}
