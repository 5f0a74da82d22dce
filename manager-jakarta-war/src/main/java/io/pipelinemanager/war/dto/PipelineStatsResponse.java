package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.PipelineStats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import java.util.TreeMap;

/** Runtime statistics of a running or paused pipeline; records count changes (one insert or delete of a row). */
@Schema(name = "PipelineStats")
public record PipelineStatsResponse(
        @Schema(enumeration = {"PAUSED", "RUNNING"}) String status,
        @JsonProperty("desired_status") @Schema(enumeration = {"STOPPED", "PAUSED", "RUNNING"}) String desiredStatus,
        @JsonProperty("uptime_millis") long uptimeMillis,
        @Schema(description = "Steps the circuit has run") long steps,
        @JsonProperty("total_input_records") long totalInputRecords,
        @JsonProperty("buffered_input_records") long bufferedInputRecords,
        @JsonProperty("processed_records") long processedRecords,
        @JsonProperty("table_input_records") Map<String, Long> tableInputRecords,
        @JsonProperty("table_parse_errors") Map<String, Long> tableParseErrors,
        @JsonProperty("table_ignored_deletes")
        @Schema(description = "Per table, deletes that matched no row (a table with a primary key: no row of the "
                + "key); they change nothing. Tables with none are omitted") Map<String, Long> tableIgnoredDeletes,
        @JsonProperty("table_ignored_updates")
        @Schema(description = "Per table, update records of keys the table did not hold; they change nothing. "
                + "Tables with none are omitted") Map<String, Long> tableIgnoredUpdates,
        @JsonProperty("table_late_records")
        @Schema(description = "Per table with a LATENESS column, changes dropped because their row was below the "
                + "table's watermark (the largest value of the column so far minus the lateness). Tables with none "
                + "are omitted") Map<String, Long> tableLateRecords,
        @JsonProperty("view_output_records") Map<String, Long> viewOutputRecords,
        @JsonProperty("last_step_latency_micros") long lastStepLatencyMicros,
        @JsonProperty("state_entries") long stateEntries,
        @JsonProperty("estimated_state_bytes")
        @Schema(description = "Estimated heap of the state: the integrated tables and materialized views (hash "
                + "tables and rows) plus state_entries times an assumed average entry size") long estimatedStateBytes,
        @JsonProperty("state_since") @Schema(format = "date-time", description = "When this server's run of the "
                + "pipeline began. With fault_tolerance none its state began empty then: after a restart or a takeover "
                + "the views do not contain changes pushed before; otherwise it resumed from the stored state (see "
                + "checkpoint)")
        String stateSince,
        @Schema(description = "Checkpoints and the input journal") CheckpointStatsResponse checkpoint,
        @JsonProperty("rejected_batches") @Schema(description = "Ingress requests set aside because their records made "
                + "a step fail at run time (on_runtime_error = reject_batch), since state_since") long rejectedBatches,
        @JsonProperty("rejected_records") @Schema(description = "Record changes of those requests") long rejectedRecords,
        @JsonProperty("dropped_rejected_batches") @Schema(description = "Rejected batches no longer kept: beyond the "
                + "newest 100 or 32 MiB of records, the oldest are dropped") long droppedRejectedBatches) {

    /** Maps the core record; maps are sorted by name so answers are stable. */
    public static PipelineStatsResponse of(PipelineStats s) {
        return new PipelineStatsResponse(s.status().name(), s.desiredStatus().name(), s.uptimeMillis(), s.steps(),
                s.totalInputRecords(), s.bufferedInputRecords(), s.processedRecords(),
                new TreeMap<>(s.tableInputRecords()), new TreeMap<>(s.tableParseErrors()),
                new TreeMap<>(s.tableIgnoredDeletes()), new TreeMap<>(s.tableIgnoredUpdates()),
                new TreeMap<>(s.tableLateRecords()),
                new TreeMap<>(s.viewOutputRecords()), s.lastStepLatencyMicros(), s.stateEntries(),
                s.estimatedStateBytes(), s.stateSince().toString(), CheckpointStatsResponse.of(s.checkpoint()),
                s.rejectedBatches(), s.rejectedRecords(), s.droppedRejectedBatches());
    }
}
