package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Runtime configuration of a pipeline; in requests an absent field takes its documented default. */
@Schema(name = "PipelineConfig")
public record PipelineConfigDto(
        @Schema(description = "must be 1 (steps run on one thread; other values are refused), default 1") Integer workers,
        @JsonProperty("max_batch_records") @Schema(description = "1-10000000, default 10000") Integer maxBatchRecords,
        @JsonProperty("max_batch_delay_millis") @Schema(description = "0-60000, default 100") Long maxBatchDelayMillis,
        @JsonProperty("max_buffered_records")
        @Schema(description = "max_batch_records-100000000, default 1000000") Long maxBufferedRecords,
        @JsonProperty("on_runtime_error")
        @Schema(description = "what a step that fails at run time (division by zero, overflow, failed cast) does: "
                + "reject_batch (default: set the failing request aside as a rejected batch, apply the others, "
                + "keep running) or fail (the pipeline becomes FAILED); either way the step changes nothing",
                enumeration = {"reject_batch", "fail"}) String onRuntimeError,
        @JsonProperty("fault_tolerance")
        @Schema(description = "what survives a stop, crash or takeover: exactly_once (default: every ingress request "
                + "is journaled before it is acknowledged and replayed after a crash, so the views and step numbers "
                + "equal those of a run that never stopped), checkpoint (a stop writes a checkpoint and the next start "
                + "resumes from it; a crash loses what happened since the last periodic one) or none (state in memory "
                + "only)", enumeration = {"none", "checkpoint", "exactly_once"}) String faultTolerance,
        @JsonProperty("checkpoint_interval_secs")
        @Schema(description = "1-86400, default 60: seconds between checkpoints while the pipeline runs "
                + "(checkpoint and exactly_once)") Long checkpointIntervalSecs) {

    /** The core configuration, absent fields filled from {@link PipelineConfig#DEFAULT}. */
    public PipelineConfig toConfig() {
        PipelineConfig d = PipelineConfig.DEFAULT;
        return new PipelineConfig(
                workers != null ? workers : d.workers(),
                maxBatchRecords != null ? maxBatchRecords : d.maxBatchRecords(),
                maxBatchDelayMillis != null ? maxBatchDelayMillis : d.maxBatchDelayMillis(),
                maxBufferedRecords != null ? maxBufferedRecords : d.maxBufferedRecords(),
                onRuntimeError != null ? OnRuntimeError.fromValue(onRuntimeError) : d.onRuntimeError(),
                faultTolerance != null ? FaultTolerance.fromValue(faultTolerance) : d.faultTolerance(),
                checkpointIntervalSecs != null ? checkpointIntervalSecs : d.checkpointIntervalSecs());
    }

    /** Maps the core record. */
    public static PipelineConfigDto of(PipelineConfig c) {
        return new PipelineConfigDto(c.workers(), c.maxBatchRecords(), c.maxBatchDelayMillis(), c.maxBufferedRecords(),
                c.onRuntimeError().value(), c.faultTolerance().value(), c.checkpointIntervalSecs());
    }

    /** Maps an optional request field. */
    static PipelineConfig toConfig(PipelineConfigDto dto) {
        return dto == null ? null : dto.toConfig();
    }
}
