package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.CheckpointStats;
import io.pipelinemanager.core.internal.engine.InputCounters;

import java.util.Map;

/**
 * A consistent snapshot of one runner's counters: steps, input and output records, buffering,
 * ignored deletes and updates and late (dropped) changes per table, last step latency, the state it holds (entries of
 * operator state and an estimate of the heap of all its state,
 * {@link io.pipelinemanager.core.internal.engine.Circuit#estimatedStateBytes}), its
 * checkpoints, and the rejected batches (all rejected, their records, and how many were dropped as the oldest).
 */
public record RunnerStats(long startedAtMillis, long steps, long totalInputRecords, long bufferedRecords,
                          long processedRecords, Map<String, Long> tableInputRecords, Map<String, Long> tableParseErrors,
                          Map<String, InputCounters> tableIgnored,
                          Map<String, Long> viewOutputRecords, long lastStepLatencyMicros, long stateEntries,
                          long estimatedStateBytes,
                          CheckpointStats checkpoint,
                          long rejectedBatches, long rejectedRecords, long droppedRejectedBatches) {
}
