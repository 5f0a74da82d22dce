package io.pipelinemanager.war.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-pipeline gauges tagged {@code pipeline} (its name), for the pipelines running or paused in this
 * instance: steps, processed records, buffered input records, the last step's latency in seconds, and the
 * rejected batches and their records.
 * Pipelines that stopped (or run on another instance) drop out at the next scrape.
 */
final class PipelineMeters {

    private final MultiGauge steps;
    private final MultiGauge processed;
    private final MultiGauge buffered;
    private final MultiGauge latency;
    private final MultiGauge rejectedBatches;
    private final MultiGauge rejectedRecords;

    PipelineMeters(MeterRegistry registry) {
        steps = MultiGauge.builder("pm_pipeline_steps").description("Steps the pipeline has run").register(registry);
        processed = MultiGauge.builder("pm_pipeline_processed_records")
                .description("Input record changes the pipeline has processed").register(registry);
        buffered = MultiGauge.builder("pm_pipeline_buffered_records")
                .description("Input record changes waiting for the next step").register(registry);
        latency = MultiGauge.builder("pm_pipeline_last_step_latency_seconds")
                .description("Duration of the pipeline's last step").register(registry);
        rejectedBatches = MultiGauge.builder("pm_pipeline_rejected_batches")
                .description("Ingress requests set aside because their records made a step fail at run time")
                .register(registry);
        rejectedRecords = MultiGauge.builder("pm_pipeline_rejected_records")
                .description("Record changes of the rejected batches").register(registry);
    }

    /** Replaces the rows with the statistics of {@code pipelines} that run here. */
    void refresh(PipelineManager manager, Caller caller, List<Pipeline> pipelines) {
        List<MultiGauge.Row<?>> stepRows = new ArrayList<>();
        List<MultiGauge.Row<?>> processedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> bufferedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> latencyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> rejectedBatchRows = new ArrayList<>();
        List<MultiGauge.Row<?>> rejectedRecordRows = new ArrayList<>();
        for (Pipeline p : pipelines) {
            if (p.status() != PipelineStatus.RUNNING && p.status() != PipelineStatus.PAUSED) {
                continue;
            }
            PipelineStats s;
            try {
                s = manager.pipelineStats(caller, p.id().value().toString());
            } catch (ManagerException e) {
                if (e.code() == ErrorCode.PipelineNotRunning || e.code() == ErrorCode.UnknownPipeline) {
                    continue; // stopped or deleted since the list, or running on another instance
                }
                throw e;
            }
            Tags tags = Tags.of("pipeline", p.name());
            stepRows.add(MultiGauge.Row.of(tags, s.steps()));
            processedRows.add(MultiGauge.Row.of(tags, s.processedRecords()));
            bufferedRows.add(MultiGauge.Row.of(tags, s.bufferedInputRecords()));
            latencyRows.add(MultiGauge.Row.of(tags, s.lastStepLatencyMicros() / 1_000_000.0));
            rejectedBatchRows.add(MultiGauge.Row.of(tags, s.rejectedBatches()));
            rejectedRecordRows.add(MultiGauge.Row.of(tags, s.rejectedRecords()));
        }
        steps.register(stepRows, true);
        processed.register(processedRows, true);
        buffered.register(bufferedRows, true);
        latency.register(latencyRows, true);
        rejectedBatches.register(rejectedBatchRows, true);
        rejectedRecords.register(rejectedRecordRows, true);
    }
}
