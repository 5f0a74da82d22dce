package io.pipelinemanager.core.api;

/**
 * Runtime configuration of a pipeline. Limits (enforced by the manager, violations are
 * {@code InvalidConfig}): {@code workers} must be 1 (steps run on one thread; parallel steps are not
 * implemented, and a setting that would be ignored is refused); {@code maxBatchRecords} 1–10 000 000;
 * {@code maxBatchDelayMillis} 0–60 000; {@code maxBufferedRecords} at least
 * {@code maxBatchRecords} and at most 100 000 000.
 */
public record PipelineConfig(int workers, int maxBatchRecords, long maxBatchDelayMillis, long maxBufferedRecords) {

    /** Defaults: one worker, batches of up to 10 000 records or 100 ms, 1 000 000 buffered records. */
    public static final PipelineConfig DEFAULT = new PipelineConfig(1, 10_000, 100, 1_000_000);
}
