package io.pipelinemanager.core.api;

/**
 * Runtime configuration of a pipeline. Limits (enforced by the manager, violations are
 * {@code InvalidConfig}): {@code workers} must be 1 (steps run on one thread; parallel steps are not
 * implemented, and a setting that would be ignored is refused); {@code maxBatchRecords} 1–10 000 000;
 * {@code maxBatchDelayMillis} 0–60 000; {@code maxBufferedRecords} at least
 * {@code maxBatchRecords} and at most 100 000 000. {@code onRuntimeError} (JSON {@code on_runtime_error}) says
 * what a step that fails at run time does: {@link OnRuntimeError#REJECT_BATCH} (the default; null means it) or
 * {@link OnRuntimeError#FAIL}. {@code faultTolerance} (JSON {@code fault_tolerance}) says what survives a stop,
 * a crash or a takeover: {@link FaultTolerance#EXACTLY_ONCE} (the default; null means it),
 * {@link FaultTolerance#CHECKPOINT} or {@link FaultTolerance#NONE}; {@code checkpointIntervalSecs} (JSON
 * {@code checkpoint_interval_secs}, 1–86 400, default 60) is the period of checkpoints while it runs.
 */
public record PipelineConfig(int workers, int maxBatchRecords, long maxBatchDelayMillis, long maxBufferedRecords,
                             OnRuntimeError onRuntimeError, FaultTolerance faultTolerance,
                             long checkpointIntervalSecs) {

    /** The default period of checkpoints, in seconds. */
    public static final long DEFAULT_CHECKPOINT_INTERVAL_SECS = 60;

    /**
     * Defaults: one worker, batches of up to 10 000 records or 100 ms, 1 000 000 buffered records, reject_batch,
     * exactly_once with a checkpoint every 60 seconds.
     */
    public static final PipelineConfig DEFAULT = new PipelineConfig(1, 10_000, 100, 1_000_000);

    /** Fills a missing {@code onRuntimeError} or {@code faultTolerance} with its default. */
    public PipelineConfig {
        if (onRuntimeError == null) {
            onRuntimeError = OnRuntimeError.REJECT_BATCH;
        }
        if (faultTolerance == null) {
            faultTolerance = FaultTolerance.EXACTLY_ONCE;
        }
    }

    /** A configuration with the default {@code onRuntimeError}, {@code faultTolerance} and checkpoint interval. */
    public PipelineConfig(int workers, int maxBatchRecords, long maxBatchDelayMillis, long maxBufferedRecords) {
        this(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, OnRuntimeError.REJECT_BATCH);
    }

    /** A configuration with the default {@code faultTolerance} and checkpoint interval. */
    public PipelineConfig(int workers, int maxBatchRecords, long maxBatchDelayMillis, long maxBufferedRecords,
                          OnRuntimeError onRuntimeError) {
        this(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, onRuntimeError,
                FaultTolerance.EXACTLY_ONCE, DEFAULT_CHECKPOINT_INTERVAL_SECS);
    }

    /** The same configuration with another {@code onRuntimeError}. */
    public PipelineConfig withOnRuntimeError(OnRuntimeError value) {
        return new PipelineConfig(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, value,
                faultTolerance, checkpointIntervalSecs);
    }

    /** The same configuration with another {@code faultTolerance}. */
    public PipelineConfig withFaultTolerance(FaultTolerance value) {
        return new PipelineConfig(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, onRuntimeError,
                value, checkpointIntervalSecs);
    }

    /** The same configuration with another checkpoint period, in seconds. */
    public PipelineConfig withCheckpointIntervalSecs(long seconds) {
        return new PipelineConfig(workers, maxBatchRecords, maxBatchDelayMillis, maxBufferedRecords, onRuntimeError,
                faultTolerance, seconds);
    }
}
