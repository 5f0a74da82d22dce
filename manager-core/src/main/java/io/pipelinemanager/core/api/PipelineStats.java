package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Runtime statistics of a pipeline running in this manager instance. Records are counted per
 * change (an insert or a delete of one row). {@code tableIgnoredDeletes} counts per table the deletes that
 * matched no row (a table with a primary key: no row of that key) and {@code tableIgnoredUpdates} the updates
 * of keys the table did not hold; both are applied as no-ops (tables with none are omitted). {@code tableLateRecords}
 * counts per table with a {@code LATENESS} column the changes dropped because their row was below the table's
 * watermark (tables with none are omitted). {@code stateEntries} is the number of entries in the
 * circuit's traces and per-group state; {@code estimatedStateBytes} estimates the heap of all the state: the
 * integrated tables and materialized views (their hash tables and rows, maintained while stepping) plus the state
 * entries at {@link #BYTES_PER_STATE_ENTRY} each, a deliberately rough average. {@code stateSince} is when this
 * instance's in-memory state of the pipeline began (empty): after a restart or a takeover it is later
 * than changes pushed before, which the views then do not contain unless the pipeline resumed from stored
 * state ({@code checkpoint}: its checkpoint and {@code fault_tolerance}). {@code checkpoint} describes checkpoints and
 * the input journal.
 * {@code rejectedBatches} counts the ingress requests set aside because their records made a step fail at run
 * time ({@code on_runtime_error = reject_batch}), {@code rejectedRecords} their record changes,
 * {@code droppedRejectedBatches} those no longer kept (the oldest are dropped beyond the bounds), all since
 * {@code stateSince}.
 */
public record PipelineStats(
        PipelineStatus status,
        DesiredStatus desiredStatus,
        long uptimeMillis,
        long steps,
        long totalInputRecords,
        long bufferedInputRecords,
        long processedRecords,
        Map<String, Long> tableInputRecords,
        Map<String, Long> tableParseErrors,
        Map<String, Long> tableIgnoredDeletes,
        Map<String, Long> tableIgnoredUpdates,
        Map<String, Long> tableLateRecords,
        Map<String, Long> viewOutputRecords,
        long lastStepLatencyMicros,
        long stateEntries,
        long estimatedStateBytes,
        Instant stateSince,
        CheckpointStats checkpoint,
        long rejectedBatches,
        long rejectedRecords,
        long droppedRejectedBatches) {

    /** Assumed bytes per state entry: map entry, row object and a few boxed values. */
    public static final long BYTES_PER_STATE_ENTRY = 128;

    public PipelineStats {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        Objects.requireNonNull(stateSince, "stateSince");
        Objects.requireNonNull(checkpoint, "checkpoint");
        tableInputRecords = Map.copyOf(tableInputRecords);
        tableParseErrors = Map.copyOf(tableParseErrors);
        tableIgnoredDeletes = Map.copyOf(tableIgnoredDeletes);
        tableIgnoredUpdates = Map.copyOf(tableIgnoredUpdates);
        tableLateRecords = Map.copyOf(tableLateRecords);
        viewOutputRecords = Map.copyOf(viewOutputRecords);
    }
}
