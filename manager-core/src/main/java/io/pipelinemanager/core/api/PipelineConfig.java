package io.pipelinemanager.core.api;

/**
 * Runtime configuration of a pipeline. Limits (enforced by the manager, violations are
 * {@code InvalidConfig}): {@code workers} must be 1 (steps run on one thread; parallel steps are not
 * implemented, and a setting that would be ignored is refused); {@code maxBatchRecords} 1–10 000 000;
 * {@code maxBatchDelayMillis} 0–60 000; {@code maxBufferedRecords} at least
 * {@code maxBatchRecords} and at most 100 000 000. {@code onRuntimeError} (JSON {@code on_runtime_error}) says
 * what a step that fails at run time does: {@link OnRuntimeError#REJECT_BATCH} (the default; null means it) or
 * {@link OnRuntimeError#FAIL}.
 */
public record PipelineConfig(int workers, int maxBatchRecords, long maxBatchDelayMillis, long maxBufferedRecords,
                             OnRuntimeError onRuntimeError) {

    /** Defaults: one worker, batches of up to 10 000 records or 100 ms, 1 000 000 buffered records, reject_batch. */
    public static final PipelineConfig DEFAULT = new PipelineConfig(1, 10_000, 100, 1_000_000);

    /** Fills a missing {@code onRuntimeError} (e.g. a configuration stored before the setting existed). */
    public PipelineConfig {
        if (onRuntimeError == null) {
            onRuntimeError = OnRuntimeError.REJECT_BATCH;
        }
    }

    /** A configuration with the default {@code onRuntimeError} ({@link OnRuntimeError#REJECT_BATCH}). */
    public PipelineConfig(int workers, int maxBatchRecords, long maxBatchDelayMillis, long maxBufferedRecords) {
        this(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, OnRuntimeError.REJECT_BATCH);
    }

    /** The same configuration with another {@code onRuntimeError}. */
    public PipelineConfig withOnRuntimeError(OnRuntimeError value) {
        return new PipelineConfig(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, value);
    }
}
