package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Runtime statistics of a pipeline running in this manager instance. Records are counted per
 * change (an insert or a delete of one row). {@code stateEntries} is the number of entries in the
 * circuit's traces and per-group state; {@code estimatedStateBytes} multiplies it by
 * {@link #BYTES_PER_STATE_ENTRY}, a deliberately rough average. {@code stateSince} is when this
 * instance's in-memory state of the pipeline began (empty): after a restart or a takeover it is later
 * than changes pushed before, which the views then do not contain.
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
        long estimatedStateBytes,
        Instant stateSince) {

    /** Assumed bytes per state entry: map entry, row object and a few boxed values. */
    public static final long BYTES_PER_STATE_ENTRY = 128;

    public PipelineStats {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        Objects.requireNonNull(stateSince, "stateSince");
        tableInputRecords = Map.copyOf(tableInputRecords);
        tableParseErrors = Map.copyOf(tableParseErrors);
        viewOutputRecords = Map.copyOf(viewOutputRecords);
    }
}
