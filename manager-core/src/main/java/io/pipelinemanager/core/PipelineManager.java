package io.pipelinemanager.core;

import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.IngressResult;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.PipelineUpdate;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.ManagerCounters;
import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.ProgramValidation;
import io.pipelinemanager.core.api.QueryOutput;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.health.HealthCheck;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.runner.DataPlane;
import io.pipelinemanager.core.internal.tenant.TenantDirectory;
import io.pipelinemanager.core.internal.validation.SpecRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manager's one entry point: programs, pipelines and their lifecycle, all scoped to a tenant.
 * Every tenant-scoped method takes the {@link Caller} first: the call acts in the caller's tenant
 * (created on its first use; see {@link Caller#tenant()} for the name rule) and nothing of another
 * tenant is visible to it. A host without authentication passes {@link Caller#unauthenticated()}
 * (the {@code default} tenant's administrator). Every refused or failed operation throws
 * {@link io.pipelinemanager.core.api.ManagerException} with a stable
 * {@link io.pipelinemanager.core.api.ErrorCode} and changes nothing; a caller naming an invalid
 * tenant is refused with {@code Unauthenticated}. References ({@code ref}) are an object's UUID or
 * its name. Thread-safe; close it to release its resources.
 */
public final class PipelineManager implements AutoCloseable {

    private final ProgramService programs;
    private final PipelineService pipelines;
    private final CompilerService compiler;
    private final DataPlane dataPlane;
    private final HealthCheck health;
    private final TenantDirectory tenants;
    private final List<AutoCloseable> resources;

    PipelineManager(ProgramService programs, PipelineService pipelines, CompilerService compiler,
                    DataPlane dataPlane, HealthCheck health, TenantDirectory tenants, List<AutoCloseable> resources) {
        this.tenants = tenants;
        this.health = health;
        this.programs = programs;
        this.pipelines = pipelines;
        this.compiler = compiler;
        this.dataPlane = dataPlane;
        this.resources = resources;
    }

    /**
     * A builder with the defaults (an embedded H2 file database under {@code ~/.pipeline-manager}); the
     * environment is read only after {@link PipelineManagerBuilder#environment()}.
     */
    public static PipelineManagerBuilder builder() {
        return new PipelineManagerBuilder();
    }

    /** All programs of the tenant, ordered by name. */
    public List<Program> listPrograms(Caller caller) {
        return programs.list(tenant(caller));
    }

    /** How many of the tenant's programs are in each compilation status (every status present; reads no code). */
    public Map<ProgramStatus, Long> countProgramsByStatus(Caller caller) {
        return programs.countByStatus(tenant(caller));
    }

    /** Creates a program; it waits to be compiled ({@code PENDING}). */
    public Program createProgram(Caller caller, ProgramSpec spec) {
        return programs.create(tenant(caller), spec);
    }

    /** The program with that id or name. */
    public Program getProgram(Caller caller, String ref) {
        return programs.get(tenant(caller), SpecRules.ref(ref));
    }

    /** The program's place in the compilation queue: 1 when next or compiling, 0 when compiled (or failed). */
    public int compilationQueuePosition(Caller caller, String ref) {
        return programs.queuePosition(tenant(caller), SpecRules.ref(ref));
    }

    /** Updates a program; a code change bumps its version and sends it back to compilation. */
    public Program updateProgram(Caller caller, String ref, ProgramUpdate update) {
        return programs.update(tenant(caller), SpecRules.ref(ref), update);
    }

    /** Deletes a program that no pipeline uses. */
    public void deleteProgram(Caller caller, String ref) {
        programs.delete(tenant(caller), SpecRules.ref(ref));
    }

    /**
     * Compiles SQL without storing anything: the diagnostics and schema a program with this code would get.
     * Runs on the compile pool; when every compiler thread and queue place is taken it is refused with
     * {@link io.pipelinemanager.core.api.ErrorCode#BackPressure} (retry later).
     */
    public ProgramValidation validateProgram(Caller caller, String code) {
        tenant(caller);
        CompilationResult result = compiler.validate(SpecRules.code(code));
        return new ProgramValidation(result.status(), result.diagnostics(), result.schema());
    }

    /** All pipelines of the tenant, ordered by name. */
    public List<Pipeline> listPipelines(Caller caller) {
        return pipelines.list(tenant(caller));
    }

    /** How many of the tenant's pipelines are in each actual status (every status present). */
    public Map<PipelineStatus, Long> countPipelinesByStatus(Caller caller) {
        return pipelines.countByStatus(tenant(caller));
    }

    /** Creates a stopped pipeline for an existing program. */
    public Pipeline createPipeline(Caller caller, PipelineSpec spec) {
        return pipelines.create(tenant(caller), spec);
    }

    /** The pipeline with that id or name. */
    public Pipeline getPipeline(Caller caller, String ref) {
        return pipelines.get(tenant(caller), SpecRules.ref(ref));
    }

    /** Updates a fully stopped pipeline. */
    public Pipeline updatePipeline(Caller caller, String ref, PipelineUpdate update) {
        return pipelines.update(tenant(caller), SpecRules.ref(ref), update);
    }

    /** Deletes a fully stopped pipeline. */
    public void deletePipeline(Caller caller, String ref) {
        pipelines.delete(tenant(caller), SpecRules.ref(ref));
    }

    /**
     * Asks the pipeline to run; returns at once with the desired status recorded. A stopped pipeline
     * is refused with {@code CapacityExceeded} when {@code pm.runner.max-pipelines} pipelines are active.
     */
    public Pipeline startPipeline(Caller caller, String ref) {
        return pipelines.request(tenant(caller), SpecRules.ref(ref), DesiredStatus.RUNNING);
    }

    /** Asks the pipeline to pause (or to start paused); returns at once. */
    public Pipeline pausePipeline(Caller caller, String ref) {
        return pipelines.request(tenant(caller), SpecRules.ref(ref), DesiredStatus.PAUSED);
    }

    /** Asks the pipeline to shut down; returns at once. */
    public Pipeline shutdownPipeline(Caller caller, String ref) {
        return pipelines.request(tenant(caller), SpecRules.ref(ref), DesiredStatus.STOPPED);
    }

    /** Readiness of this instance: a database round trip and the progress of the background loops. */
    public ManagerHealth health() {
        return health.check();
    }

    /** Counters of this manager instance (for metrics). */
    public ManagerCounters counters() {
        return new ManagerCounters(compiler.compilations(), compiler.cacheHits(), compiler.cacheMisses(),
                dataPlane.localPipelines(), dataPlane.subscriptions());
    }

    /** Statistics of a pipeline running or paused in this manager instance. */
    public PipelineStats pipelineStats(Caller caller, String ref) {
        return dataPlane.stats(tenant(caller), SpecRules.ref(ref));
    }

    /**
     * Pushes changes into a table of a running or paused pipeline: the body is parsed as it streams
     * ({@code format} {@code json} — {@code {"insert": {...}}} / {@code {"delete": {...}}} records or raw
     * records as inserts, newline-delimited or in a JSON array — or {@code csv}, positional RFC 4180
     * rows as inserts). All records are checked before any is applied: any error (naming the record,
     * column and reason) applies nothing. The changes take effect with the next step. A body longer than
     * {@code pm.ingress.max-request-bytes} is {@code RequestTooLarge}; when the pipeline's input (requests
     * being parsed and waiting for a step) would pass {@code pm.ingress.max-buffered-bytes} (estimated
     * in-memory size) or its {@code max_buffered_records}, the request is {@code BackPressure}.
     */
    public IngressResult ingress(Caller caller, String ref, String table, String format, InputStream body)
            throws IOException {
        return dataPlane.ingress(tenant(caller), SpecRules.ref(ref), table, format, body, Long.MAX_VALUE);
    }

    /**
     * Subscribes to a view's changes, optionally starting with the contents of a materialized view.
     * Open streams are limited per pipeline ({@code pm.egress.max-subscriptions-per-pipeline}) and per
     * instance ({@code pm.egress.max-subscriptions}); beyond, {@code BackPressure}. Close the stream when done.
     */
    public ChangeStream subscribe(Caller caller, String ref, String view, boolean snapshot) {
        return dataPlane.subscribe(tenant(caller), SpecRules.ref(ref), view, snapshot);
    }

    /**
     * Runs a read-only {@code SELECT} over the current contents of the tables and materialized views
     * of a pipeline running or paused in this instance; rows follow the query's ORDER BY.
     */
    public QueryResult query(Caller caller, String ref, String sql) {
        return dataPlane.query(tenant(caller), SpecRules.ref(ref), sql);
    }

    /**
     * Runs a snapshot query like {@link #query} and writes its rows to {@code out} in {@code format}:
     * {@code json} (one JSON object per row and line) or {@code csv} (RFC 4180 with a header line).
     * Every error is thrown before the first byte is written.
     */
    public void writeQuery(Caller caller, String ref, String sql, String format, OutputStream out) throws IOException {
        dataPlane.writeQuery(tenant(caller), SpecRules.ref(ref), sql, format, out);
    }

    /**
     * Plans, evaluates and checks a snapshot query, throwing every error ({@code InvalidQuery},
     * {@code QueryLimitExceeded}, ...) here, and returns its answer ready to be streamed in {@code format}
     * ({@code json} or {@code csv}). Memory per query is bounded: an answer has at most
     * {@code pm.query.max-rows} rows and its evaluation builds at most {@code pm.query.max-state-bytes}
     * (estimated) of intermediate state. Servers use it to answer errors as error responses and rows as a stream.
     */
    public QueryOutput prepareQuery(Caller caller, String ref, String sql, String format) {
        return dataPlane.prepareQuery(tenant(caller), SpecRules.ref(ref), sql, format);
    }

    /** The caller's tenant, created on its first use; a caller naming an invalid tenant is {@code Unauthenticated}. */
    private TenantId tenant(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        return tenants.resolve(caller.tenant(), created -> { });
    }

    /**
     * Stops the background loops and local pipelines (their leases are released so another instance
     * can take them over), then the store and, if the manager created them, its pool and threads.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the manager's resources failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
