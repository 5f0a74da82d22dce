package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.store.Store;

import java.util.Map;

/**
 * The data plane of pipelines running in this instance: statistics, ingress, egress and snapshot
 * queries, each after a tenant-scoped lookup of the pipeline. A pipeline that runs on another
 * instance of a shared database is reported as not running here.
 */
public final class DataPlane {

    private final Store store;
    private final Runners runners;

    public DataPlane(Store store, Runners runners) {
        this.store = store;
        this.runners = runners;
    }

    /** Statistics of a running or paused pipeline. */
    public PipelineStats stats(TenantId tenant, String ref) {
        Pipeline pipeline = store.read(s -> PipelineService.find(s, tenant, ref));
        RunnerStats r = runner(pipeline).stats();
        return new PipelineStats(pipeline.status(), pipeline.desiredStatus(),
                System.currentTimeMillis() - r.startedAtMillis(), r.steps(), r.totalInputRecords(),
                r.bufferedRecords(), r.processedRecords(), r.tableInputRecords(), r.tableParseErrors(),
                r.viewOutputRecords(), r.lastStepLatencyMicros(), r.stateEntries(),
                r.stateEntries() * PipelineStats.BYTES_PER_STATE_ENTRY);
    }

    /** How many pipelines run in this instance. */
    public int localPipelines() {
        return runners.ids().size();
    }

    /** The local runner of a running or paused pipeline, or {@code PipelineNotRunning}. */
    PipelineRunner runner(Pipeline pipeline) {
        boolean active = pipeline.status() == PipelineStatus.RUNNING || pipeline.status() == PipelineStatus.PAUSED;
        return runners.get(pipeline.id()).filter(r -> active && r.failure() == null)
                .orElseThrow(() -> new ManagerException(ErrorCode.PipelineNotRunning,
                        "Pipeline '" + pipeline.name() + "' is " + pipeline.status()
                                + (active ? " on another manager instance" : "") + "; it must be running or paused here",
                        Map.of("pipeline", pipeline.name(), "status", pipeline.status().name())));
    }
}
