package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.ProgramService;
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

    /** Runs a read-only query over the current contents of the pipeline's tables and materialized views. */
    public QueryResult query(TenantId tenant, String ref, String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ManagerException(ErrorCode.InvalidQuery, "The query is empty", Map.of());
        }
        Pipeline pipeline = store.read(s -> PipelineService.find(s, tenant, ref));
        PipelineRunner runner = runner(pipeline);
        ProgramSchema schema = store.read(s -> ProgramService.find(s, tenant, pipeline.programId().toString())).schema();
        return SnapshotQuery.run(runner, schema, sql);
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
