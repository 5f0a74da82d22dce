package io.pipelinemanager.core.api;

import java.util.Map;
import java.util.Objects;

/**
 * Runtime statistics of a pipeline running in this manager instance. Records are counted per
 * change (an insert or a delete of one row). {@code stateEntries} is the number of entries in the
 * circuit's traces and per-group state; {@code estimatedStateBytes} multiplies it by
 * {@link #BYTES_PER_STATE_ENTRY}, a deliberately rough average.
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
        Map<String, Long> viewOutputRecords,
        long lastStepLatencyMicros,
        long stateEntries,
        long estimatedStateBytes) {

    /** Assumed bytes per state entry: map entry, row object and a few boxed values. */
    public static final long BYTES_PER_STATE_ENTRY = 128;

    public PipelineStats {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        tableInputRecords = Map.copyOf(tableInputRecords);
        tableParseErrors = Map.copyOf(tableParseErrors);
        viewOutputRecords = Map.copyOf(viewOutputRecords);
    }
}
