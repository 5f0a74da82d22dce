package io.pipelinemanager.core;

import io.pipelinemanager.core.api.ApiKey;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.AuditPage;
import io.pipelinemanager.core.api.AuditQuery;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.CreatedApiKey;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ChangeListener;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DataFormat;
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
import io.pipelinemanager.core.api.Operation;
import io.pipelinemanager.core.api.Performs;
import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.ProgramValidation;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.QueryOutput;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.SecuritySettings;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.api.ViewStep;
import io.pipelinemanager.core.api.ViewSubscription;
import io.pipelinemanager.core.internal.access.AccessControl;
import io.pipelinemanager.core.internal.auditlog.AuditLog;
import io.pipelinemanager.core.internal.apikey.ApiKeyService;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.health.HealthCheck;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.runner.DataPlane;
import io.pipelinemanager.core.internal.validation.SpecRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * The manager's one entry point: programs, pipelines and their lifecycle, all scoped to a tenant.
 *
 * <p><b>Who calls.</b> Every method but {@link #health()} and {@link #counters()} takes the
 * {@link Caller} first: its tenant, principal and roles, as the adapter authenticated them (a host
 * without authentication passes {@link Caller#unauthenticated()}, the {@code default} tenant's
 * administrator). Each method performs one {@link Operation} (named by its {@link Performs}
 * annotation), which requires a {@link io.pipelinemanager.core.api.Role}; the check comes first:
 * <ul>
 *   <li>a caller whose tenant name breaks the rule (see {@link Caller#tenant()}) is refused with
 *       {@code Unauthenticated};</li>
 *   <li>a caller whose roles do not include the operation's role is refused with {@code Forbidden};</li>
 *   <li>a refused call does nothing at all — it does not even look at its other arguments.</li>
 * </ul>
 * An allowed call acts in the caller's tenant, created on its first use. Nothing of another tenant is
 * visible: another tenant's program or pipeline answers exactly like a missing one
 * ({@code UnknownProgram} / {@code UnknownPipeline}), and two tenants may use the same names.
 * Refusals and every call of a state-changing operation ({@link Operation#audited()}) are reported to
 * the audit log (one JSON line per event on the logger {@code io.pipelinemanager.audit}).
 *
 * <p>Every refused or failed operation throws {@link io.pipelinemanager.core.api.ManagerException}
 * with a stable {@link io.pipelinemanager.core.api.ErrorCode} and changes nothing. References
 * ({@code ref}) are an object's UUID or its name. Thread-safe; close it to release its resources.
 *
 * <p><b>The typed data plane.</b> A host pushes Java rows ({@link #insert}, {@link #delete}, {@link #push}),
 * learns the step that applied them ({@link #awaitApplied}) and receives a view's changes as records or maps on
 * its own executor ({@link #listen}, or {@link #subscribe(Caller, String, String, boolean, Class, Executor)} for a
 * {@link java.util.concurrent.Flow.Publisher}). With a pipeline {@code shop-1} running the program
 * {@code CREATE TABLE orders (id INT NOT NULL, amount DECIMAL(10, 2)); CREATE VIEW big AS SELECT id, amount
 * FROM orders WHERE amount > 5;} (this snippet is run by {@code FacadeSnippetTest}):
 * <pre>{@code
 * record Order(int id, BigDecimal amount) { }
 * record Big(int id, BigDecimal amount) { }
 * Caller caller = Caller.unauthenticated();
 * ExecutorService host = Executors.newSingleThreadExecutor();
 * try (ViewSubscription<Big> big = manager.listen(caller, "shop-1", "big", false, Big.class, host,
 *         (step, changes) -> System.out.println("step " + step + ": " + changes))) {
 *     PushResult push = manager.insert(caller, "shop-1", "orders",
 *             List.of(new Order(1, new BigDecimal("9.99")), new Order(2, new BigDecimal("1.50"))));
 *     long step = manager.awaitApplied(caller, "shop-1", push, Duration.ofSeconds(10));
 *     big.awaitDelivered(step, Duration.ofSeconds(10)); // printed: step 1: [insert Big[id=1, amount=9.99]]
 * } finally {
 *     host.shutdown();
 * }
 * }</pre>
 */
public final class PipelineManager implements AutoCloseable {

    private final ProgramService programs;
    private final PipelineService pipelines;
    private final CompilerService compiler;
    private final DataPlane dataPlane;
    private final HealthCheck health;
    private final AccessControl access;
    private final ApiKeyService apiKeys;
    private final AuditLog auditLog;
    private final List<AutoCloseable> resources;
    private final SecuritySettings security;

    PipelineManager(ProgramService programs, PipelineService pipelines, CompilerService compiler,
                    DataPlane dataPlane, HealthCheck health, AccessControl access, ApiKeyService apiKeys,
                    AuditLog auditLog, List<AutoCloseable> resources, SecuritySettings security) {
        this.access = access;
        this.security = security;
        this.apiKeys = apiKeys;
        this.auditLog = auditLog;
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

    /** All programs of the caller's tenant, ordered by name. */
    @Performs(Operation.PROGRAM_LIST)
    public List<Program> listPrograms(Caller caller) {
        return access.call(caller, Operation.PROGRAM_LIST, null, programs::list);
    }

    /** How many of the caller's tenant's programs are in each compilation status (every status present; reads no code). */
    @Performs(Operation.PROGRAM_COUNT_BY_STATUS)
    public Map<ProgramStatus, Long> countProgramsByStatus(Caller caller) {
        return access.call(caller, Operation.PROGRAM_COUNT_BY_STATUS, null, programs::countByStatus);
    }

    /** Creates a program; it waits to be compiled ({@code PENDING}). */
    @Performs(Operation.PROGRAM_CREATE)
    public Program createProgram(Caller caller, ProgramSpec spec) {
        return access.call(caller, Operation.PROGRAM_CREATE, spec == null ? null : spec.name(),
                tenant -> programs.create(tenant, spec));
    }

    /** The program with that id or name. */
    @Performs(Operation.PROGRAM_GET)
    public Program getProgram(Caller caller, String ref) {
        return access.call(caller, Operation.PROGRAM_GET, ref, tenant -> programs.get(tenant, SpecRules.ref(ref)));
    }

    /** The program's place in the compilation queue: 1 when next or compiling, 0 when compiled (or failed). */
    @Performs(Operation.PROGRAM_QUEUE_POSITION)
    public int compilationQueuePosition(Caller caller, String ref) {
        return access.call(caller, Operation.PROGRAM_QUEUE_POSITION, ref,
                tenant -> programs.queuePosition(tenant, SpecRules.ref(ref)));
    }

    /** Updates a program; a code change bumps its version and sends it back to compilation. */
    @Performs(Operation.PROGRAM_UPDATE)
    public Program updateProgram(Caller caller, String ref, ProgramUpdate update) {
        return access.call(caller, Operation.PROGRAM_UPDATE, ref,
                tenant -> programs.update(tenant, SpecRules.ref(ref), update));
    }

    /** Deletes a program that no pipeline uses. */
    @Performs(Operation.PROGRAM_DELETE)
    public void deleteProgram(Caller caller, String ref) {
        access.run(caller, Operation.PROGRAM_DELETE, ref, tenant -> programs.delete(tenant, SpecRules.ref(ref)));
    }

    /**
     * Compiles SQL without storing anything: the diagnostics and schema a program with this code would get.
     * Runs on the compile pool; when every compiler thread and queue place is taken it is refused with
     * {@link io.pipelinemanager.core.api.ErrorCode#BackPressure} (retry later).
     */
    @Performs(Operation.PROGRAM_VALIDATE)
    public ProgramValidation validateProgram(Caller caller, String code) {
        access.enter(caller, Operation.PROGRAM_VALIDATE, null);
        CompilationResult result = compiler.validate(SpecRules.code(code));
        return new ProgramValidation(result.status(), result.diagnostics(), result.schema());
    }

    /** All pipelines of the caller's tenant, ordered by name. */
    @Performs(Operation.PIPELINE_LIST)
    public List<Pipeline> listPipelines(Caller caller) {
        return access.call(caller, Operation.PIPELINE_LIST, null, pipelines::list);
    }

    /** How many of the caller's tenant's pipelines are in each actual status (every status present). */
    @Performs(Operation.PIPELINE_COUNT_BY_STATUS)
    public Map<PipelineStatus, Long> countPipelinesByStatus(Caller caller) {
        return access.call(caller, Operation.PIPELINE_COUNT_BY_STATUS, null, pipelines::countByStatus);
    }

    /** Creates a stopped pipeline for an existing program of the caller's tenant. */
    @Performs(Operation.PIPELINE_CREATE)
    public Pipeline createPipeline(Caller caller, PipelineSpec spec) {
        return access.call(caller, Operation.PIPELINE_CREATE, spec == null ? null : spec.name(),
                tenant -> pipelines.create(tenant, spec));
    }

    /** The pipeline with that id or name. */
    @Performs(Operation.PIPELINE_GET)
    public Pipeline getPipeline(Caller caller, String ref) {
        return access.call(caller, Operation.PIPELINE_GET, ref, tenant -> pipelines.get(tenant, SpecRules.ref(ref)));
    }

    /** Updates a fully stopped pipeline. */
    @Performs(Operation.PIPELINE_UPDATE)
    public Pipeline updatePipeline(Caller caller, String ref, PipelineUpdate update) {
        return access.call(caller, Operation.PIPELINE_UPDATE, ref,
                tenant -> pipelines.update(tenant, SpecRules.ref(ref), update));
    }

    /** Deletes a fully stopped pipeline, with its stored state (checkpoints and input journal). */
    @Performs(Operation.PIPELINE_DELETE)
    public void deletePipeline(Caller caller, String ref) {
        access.run(caller, Operation.PIPELINE_DELETE, ref, tenant -> pipelines.delete(tenant, SpecRules.ref(ref)));
    }

    /**
     * Asks the pipeline to run; returns at once with the desired status recorded. A stopped pipeline
     * is refused with {@code CapacityExceeded} when {@code pm.runner.max-pipelines} pipelines are active.
     */
    @Performs(Operation.PIPELINE_START)
    public Pipeline startPipeline(Caller caller, String ref) {
        return request(caller, Operation.PIPELINE_START, ref, DesiredStatus.RUNNING);
    }

    /** Asks the pipeline to pause (or to start paused); returns at once. */
    @Performs(Operation.PIPELINE_PAUSE)
    public Pipeline pausePipeline(Caller caller, String ref) {
        return request(caller, Operation.PIPELINE_PAUSE, ref, DesiredStatus.PAUSED);
    }

    /** Asks the pipeline to shut down; returns at once. */
    @Performs(Operation.PIPELINE_SHUTDOWN)
    public Pipeline shutdownPipeline(Caller caller, String ref) {
        return request(caller, Operation.PIPELINE_SHUTDOWN, ref, DesiredStatus.STOPPED);
    }

    /**
     * Asks a pipeline running or paused in this instance to write a checkpoint now; returns at once (the
     * checkpoint is captured between two steps and written in the background; {@link #pipelineStats} reports it
     * when it is stored). {@code InvalidConfig} when the pipeline's {@code fault_tolerance} is {@code none}.
     */
    @Performs(Operation.PIPELINE_CHECKPOINT)
    public void checkpointPipeline(Caller caller, String ref) {
        access.run(caller, Operation.PIPELINE_CHECKPOINT, ref, tenant -> dataPlane.requestCheckpoint(tenant, SpecRules.ref(ref)));
    }

    /**
     * Drops the stored state of a stopped pipeline (checkpoints and input journal) on purpose, e.g. after
     * {@code CheckpointIncompatible}: its next start begins with empty tables at step 0. Refused with
     * {@code UpdateRestrictedToStopped} unless the pipeline is fully stopped.
     */
    @Performs(Operation.PIPELINE_CLEAR)
    public Pipeline clearPipelineState(Caller caller, String ref) {
        return access.call(caller, Operation.PIPELINE_CLEAR, ref, tenant -> pipelines.clearState(tenant, SpecRules.ref(ref)));
    }

    private Pipeline request(Caller caller, Operation operation, String ref, DesiredStatus desired) {
        return access.call(caller, operation, ref, tenant -> pipelines.request(tenant, SpecRules.ref(ref), desired));
    }

    /**
     * Who the manager takes the caller for, once its credentials are accepted: any authenticated caller
     * may ask, whatever its roles. Its tenant is created here if this is its first use.
     */
    @Performs(Operation.ME)
    public Caller me(Caller caller) {
        access.enter(caller, Operation.ME, null);
        return caller;
    }

    /**
     * How adapters authenticate callers ({@code pm.auth.*}), and the mapping of a verified JWT to a
     * {@link Caller} that every adapter shares. Needs no caller.
     */
    public SecuritySettings securitySettings() {
        return security;
    }

    // --- API keys and the audit log: administrators of the caller's tenant ---

    /**
     * Creates an API key in the caller's tenant: a bearer credential {@code pm_<lookup-id>_<secret>} that
     * authenticates as principal {@code api-key:<name>} with {@code spec}'s role until it expires (if
     * {@code spec} gives a time) or is revoked. The result carries the whole key — the only time it is shown:
     * the manager keeps just an argon2id hash of it. The name follows the program and pipeline name rules and is
     * unique in the tenant, also after revocation ({@code DuplicateName}); the expiry must be in the future
     * ({@code InvalidRequest}).
     */
    @Performs(Operation.API_KEY_CREATE)
    public CreatedApiKey createApiKey(Caller caller, ApiKeySpec spec) {
        return access.call(caller, Operation.API_KEY_CREATE, spec == null ? null : spec.name(),
                tenant -> apiKeys.create(tenant, caller.tenant(), caller.principal(), spec));
    }

    /** The API keys of the caller's tenant, revoked and expired ones too, ordered by name; never a secret or hash. */
    @Performs(Operation.API_KEY_LIST)
    public List<ApiKey> listApiKeys(Caller caller) {
        return access.call(caller, Operation.API_KEY_LIST, null, apiKeys::list);
    }

    /** The API key with that name ({@code UnknownApiKey} when the caller's tenant has none); never its secret or hash. */
    @Performs(Operation.API_KEY_GET)
    public ApiKey getApiKey(Caller caller, String name) {
        return access.call(caller, Operation.API_KEY_GET, name, tenant -> apiKeys.get(tenant, name));
    }

    /**
     * Revokes the API key with that name: from now on it authenticates nothing, on every instance sharing the
     * database (each request reads the key's row). Revoking a revoked key changes nothing. Returns the key as it
     * is now; {@code UnknownApiKey} when the caller's tenant has none of that name.
     */
    @Performs(Operation.API_KEY_REVOKE)
    public ApiKey revokeApiKey(Caller caller, String name) {
        return access.call(caller, Operation.API_KEY_REVOKE, name, tenant -> apiKeys.revoke(tenant, name));
    }

    /**
     * A page of the caller's tenant's audit log, newest first: every call of a state-changing operation, every
     * refusal, tenant creations and refused authentications with a key of the tenant. Filtered and paged by
     * {@code query} (a {@code null} query is {@link AuditQuery#latest()}); a bad limit, time range, filter or
     * cursor is {@code InvalidRequest}. Events older than {@code pm.audit.retention} are gone.
     */
    @Performs(Operation.AUDIT_LIST)
    public AuditPage listAuditEvents(Caller caller, AuditQuery query) {
        return access.call(caller, Operation.AUDIT_LIST, null,
                tenant -> auditLog.list(caller.tenant(), query == null ? AuditQuery.latest() : query));
    }

    /**
     * Who a bearer API key stands for — for adapters, before they call anything else: the key's tenant,
     * principal {@code api-key:<name>}, its role and {@link AuthMethod#API_KEY}, with the request's id and the
     * client's address for the audit log. Needs no caller (it makes one). A missing, malformed, unknown, wrong,
     * revoked or expired key is {@code Unauthenticated} with one message for all; the audit log records which
     * it was ({@code reason}). Revocation and expiry are checked on every call; the costly hash verification
     * is cached for a minute. {@code DatabaseUnavailable} when the key cannot be read.
     *
     * @param bearer        the credential as presented (the {@code Authorization} header's value after {@code Bearer })
     * @param requestId     the request's id, or {@code null}
     * @param clientAddress the client's address, or {@code null}
     */
    public Caller authenticate(String bearer, String requestId, String clientAddress) {
        return apiKeys.authenticate(bearer, requestId, clientAddress);
    }

    /**
     * Records an authentication the adapter refused itself (no credentials, a malformed header, a JWT that did
     * not verify) in the audit log: action {@code authenticate}, outcome {@code denied}, no tenant, principal
     * {@code unknown}. Needs no caller. Never throws. Refused API keys need no call: {@link #authenticate}
     * records them.
     *
     * @param reason a short word for the administrator ({@code missing_credentials}, {@code invalid_token}, ...)
     */
    public void recordAuthenticationFailure(AuthMethod method, String reason, String requestId, String clientAddress) {
        access.refusedAuthentication(method, reason, requestId, clientAddress);
    }

    /**
     * Creates an API key without a caller: how an operator makes the first administrator key of a tenant (the
     * CLI's {@code --create-api-key}; anyone who can build a manager on the database can). It is
     * {@link #createApiKey} by the host-vouched principal {@value ApiKeyService#BOOTSTRAP_PRINCIPAL} as the
     * tenant's administrator: the tenant is created if it does not exist, the key's creator and the audit event
     * say {@code bootstrap}. A tenant name that breaks the rule (see {@link Caller#tenant()}) is
     * {@code Unauthenticated}.
     */
    public CreatedApiKey bootstrapApiKey(String tenant, ApiKeySpec spec) {
        return createApiKey(Caller.host(tenant, ApiKeyService.BOOTSTRAP_PRINCIPAL, Role.ADMIN), spec);
    }

    /** Readiness of this instance: a database round trip and the progress of the background loops. Needs no caller. */
    public ManagerHealth health() {
        return health.check();
    }

    /** Counters of this manager instance (for metrics; they describe the instance, not a tenant). Needs no caller. */
    public ManagerCounters counters() {
        return new ManagerCounters(compiler.compilations(), compiler.cacheHits(), compiler.cacheMisses(),
                dataPlane.localPipelines(), dataPlane.subscriptions());
    }

    /** Statistics of a pipeline running or paused in this manager instance. */
    @Performs(Operation.PIPELINE_STATS)
    public PipelineStats pipelineStats(Caller caller, String ref) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_STATS, ref);
        return dataPlane.stats(tenant, SpecRules.ref(ref));
    }

    /**
     * Pushes serialized changes into a table of a running or paused pipeline: the body is parsed as it streams
     * (see {@link DataFormat}: {@code JSON} — {@code {"insert": {...}}} / {@code {"delete": {...}}} records or raw
     * records as inserts, newline-delimited or in a JSON array — or {@code CSV}, positional RFC 4180
     * rows as inserts). Hosts holding Java objects use {@link #push} instead. All records are checked before any is applied: any error (naming the record,
     * column and reason) applies nothing. The changes take effect with the next step. A body longer than
     * {@code pm.ingress.max-request-bytes} is {@code RequestTooLarge}; when the pipeline's input (requests
     * being parsed and waiting for a step) would pass {@code pm.ingress.max-buffered-bytes} (estimated
     * in-memory size) or its {@code max_buffered_records}, the request is {@code BackPressure}.
     */
    @Performs(Operation.PIPELINE_INGRESS)
    public IngressResult ingress(Caller caller, String ref, String table, DataFormat format, InputStream body)
            throws IOException {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_INGRESS, ref);
        return dataPlane.ingress(tenant, SpecRules.ref(ref), table, format, body, Long.MAX_VALUE);
    }

    /**
     * Subscribes to a view's changes, optionally starting with the contents of a materialized view.
     * Open streams are limited per pipeline ({@code pm.egress.max-subscriptions-per-pipeline}) and per
     * instance ({@code pm.egress.max-subscriptions}); beyond, {@code BackPressure}. Close the stream when done.
     */
    @Performs(Operation.PIPELINE_SUBSCRIBE)
    public ChangeStream subscribe(Caller caller, String ref, String view, boolean snapshot) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_SUBSCRIBE, ref);
        return dataPlane.subscribe(tenant, SpecRules.ref(ref), view, snapshot);
    }

    /**
     * Pushes rows into a table of a running or paused pipeline, without serializing them: each {@link Change}
     * inserts, deletes or (tables with a primary key) updates one row, given as a {@code Map<String, ?>} of column values, a record whose components
     * are the columns, or an object whose public getters ({@code getX()}, {@code isX()}) and public fields are.
     * Names match columns like unquoted SQL identifiers: case-insensitively (an exact match wins when two
     * columns differ only by case); a name without a column is an error, a missing column takes its DEFAULT
     * (NULL without one; an error for a NOT NULL column). A table with a primary key upserts: an insert replaces
     * the row of its key, and several changes of one key within a step apply in order, the last winning. Java values
     * are converted per column type: integers from {@code Byte}/{@code Short}/{@code Integer}/{@code Long}/
     * {@code BigInteger} (and integral {@code BigDecimal}s), range-checked; DECIMAL from those, {@code BigDecimal},
     * {@code Float} and {@code Double} (rounded half-up to the scale); REAL/DOUBLE from any number; BOOLEAN from
     * {@code Boolean}; CHAR/VARCHAR from {@code String}, {@code Character} or an enum (its name), never
     * truncated; DATE {@code LocalDate}; TIME {@code LocalTime}; TIMESTAMP {@code LocalDateTime}, {@code Instant}
     * (as UTC) or {@code OffsetDateTime}/{@code ZonedDateTime} (local date-time as written); intervals
     * {@code Duration} / {@code Period}; a {@code String} is parsed as in CSV for any type; {@code null} is NULL.
     *
     * <p>Atomic per call, with the checks and errors of {@link #ingress}: a bad row is {@code ParseError}
     * naming the 1-based record, the column and the reason, and nothing of the call is applied; a full input
     * buffer is {@code BackPressure}. The rows take effect with the next step (all in the same step);
     * {@link #awaitApplied} waits for it.
     */
    @Performs(Operation.PIPELINE_INGRESS)
    public PushResult push(Caller caller, String ref, String table, List<? extends Change<?>> changes) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_INGRESS, ref);
        return dataPlane.push(tenant, SpecRules.ref(ref), table, changes, null);
    }

    /** Inserts {@code rows} into a table like {@link #push} (maps, records or objects with getters). */
    @Performs(Operation.PIPELINE_INGRESS)
    public PushResult insert(Caller caller, String ref, String table, Collection<?> rows) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_INGRESS, ref);
        return dataPlane.push(tenant, SpecRules.ref(ref), table, rows, Change.Kind.INSERT);
    }

    /**
     * Deletes {@code rows} from a table like {@link #push}: each removes one occurrence of an equal row (a table
     * with a primary key: the row of its key, whatever its other columns). Deletes of rows the table does not
     * hold are ignored and counted ({@link PipelineStats#tableIgnoredDeletes()}).
     */
    @Performs(Operation.PIPELINE_INGRESS)
    public PushResult delete(Caller caller, String ref, String table, Collection<?> rows) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_INGRESS, ref);
        return dataPlane.push(tenant, SpecRules.ref(ref), table, rows, Change.Kind.DELETE);
    }

    /**
     * Updates rows of a table with a primary key by key, like {@link #push} with {@link Change.Kind#UPDATE}: each
     * row gives the key columns and the columns to change (a {@code Map} with just those; a record gives every
     * column); the other columns keep their values. Updates of absent keys are ignored and counted
     * ({@link PipelineStats#tableIgnoredUpdates()}); a table without a key refuses them ({@code ParseError}).
     */
    @Performs(Operation.PIPELINE_INGRESS)
    public PushResult update(Caller caller, String ref, String table, Collection<?> rows) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_INGRESS, ref);
        return dataPlane.push(tenant, SpecRules.ref(ref), table, rows, Change.Kind.UPDATE);
    }

    /**
     * Waits until the pushed rows have been applied by a step and returns that step's number (a read of the
     * pipeline's progress: operation {@code pipeline.stats}) — the
     * {@link ViewStep#step()} under which subscribers receive what the push changed (exact while the push is
     * among the pipeline's last 1024 steps; for an older push, the latest step that may have applied it). A
     * paused pipeline applies nothing, so the wait ends with the timeout.
     *
     * @throws TimeoutException     when no step applied it within {@code timeout}
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws ManagerException     {@code PipelineNotRunning} when the pipeline restarted since the push (the push
     *                              was lost with its in-memory state) or stops while waiting; the pipeline's
     *                              error when it fails
     */
    @Performs(Operation.PIPELINE_STATS)
    public long awaitApplied(Caller caller, String ref, PushResult push, Duration timeout)
            throws InterruptedException, TimeoutException {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_STATS, ref);
        return dataPlane.awaitApplied(tenant, SpecRules.ref(ref), push, timeout);
    }

    /**
     * Waits until the pipeline has completed step {@code step} and returns its step count then (at least
     * {@code step}); errors as {@link #awaitApplied}.
     */
    @Performs(Operation.PIPELINE_STATS)
    public long awaitStep(Caller caller, String ref, long step, Duration timeout)
            throws InterruptedException, TimeoutException {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_STATS, ref);
        return dataPlane.awaitStep(tenant, SpecRules.ref(ref), step, timeout);
    }

    /**
     * Subscribes to a view's changes as typed rows: a {@link ViewSubscription} (a
     * {@link java.util.concurrent.Flow.Publisher} of {@link ViewStep}s for one subscriber) that signals on
     * {@code executor}. Rows are {@code Map<String, Object>} ({@code rowType} {@code Map.class}: column name to
     * value, in column order) or a record whose components take the columns of the same name; values are
     * {@code Integer} (INTEGER), {@code Long} (BIGINT), {@code Short}, {@code Byte}, {@code BigDecimal} (DECIMAL),
     * {@code Double}, {@code Float} (REAL), {@code Boolean}, {@code String}, {@code LocalDate}, {@code LocalTime},
     * {@code LocalDateTime} (TIMESTAMP; a record component may also be {@code Instant}, as UTC), {@code Duration},
     * {@code Period} or null; a record component may widen losslessly (e.g. {@code long} for INTEGER). A row
     * type that does not fit the view is {@code InvalidRequest}. With {@code snapshot} (materialized views
     * only) the first step is the view's current contents as inserts. Same queue bounds and caps as
     * {@link #subscribe(Caller, String, String, boolean)}: the pipeline never waits; a subscriber too far
     * behind gets {@code onError} with {@code BackPressure}. Close it when done.
     */
    @Performs(Operation.PIPELINE_SUBSCRIBE)
    public <T> ViewSubscription<T> subscribe(Caller caller, String ref, String view, boolean snapshot,
                                             Class<T> rowType, Executor executor) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_SUBSCRIBE, ref);
        return dataPlane.subscribe(tenant, SpecRules.ref(ref), view, snapshot, rowType, executor);
    }

    /**
     * Resumes a subscription: like {@link #subscribe(Caller, String, String, boolean, Class, Executor)} without a
     * snapshot, starting with the view's changes of every step after {@code afterStep} — the last step the
     * subscriber saw ({@link ViewStep#step()}) — so it sees no gap and no duplicate, also across a restart of an
     * {@code exactly_once} pipeline (step numbers survive it). Only recent steps are held (the last 1024 of this
     * run, about 16 MiB of changes; after a restart the steps replayed since the checkpoint and later ones):
     * otherwise {@code StepsNotRetained}, and the subscriber starts over with a snapshot.
     */
    @Performs(Operation.PIPELINE_SUBSCRIBE)
    public <T> ViewSubscription<T> subscribeAfter(Caller caller, String ref, String view, long afterStep,
                                                  Class<T> rowType, Executor executor) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_SUBSCRIBE, ref);
        return dataPlane.subscribe(tenant, SpecRules.ref(ref), view, false, afterStep, rowType, executor);
    }

    /**
     * Resumes an NDJSON subscription after step {@code afterStep}, as
     * {@link #subscribeAfter(Caller, String, String, long, Class, Executor)} does for typed rows.
     */
    @Performs(Operation.PIPELINE_SUBSCRIBE)
    public ChangeStream subscribeAfter(Caller caller, String ref, String view, long afterStep) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_SUBSCRIBE, ref);
        return dataPlane.subscribeAfter(tenant, SpecRules.ref(ref), view, afterStep);
    }

    /**
     * Subscribes like {@link #subscribe(Caller, String, String, boolean, Class, Executor)} with a listener: each
     * step that changed the view is one {@link ChangeListener#onStep} call on {@code executor} (never two at
     * once, in step order), the end one {@link ChangeListener#onEnd} call. Close the returned subscription when
     * done (no {@code onEnd} follows a close).
     */
    @Performs(Operation.PIPELINE_SUBSCRIBE)
    public <T> ViewSubscription<T> listen(Caller caller, String ref, String view, boolean snapshot, Class<T> rowType,
                                          Executor executor, ChangeListener<T> listener) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_SUBSCRIBE, ref);
        return dataPlane.listen(tenant, SpecRules.ref(ref), view, snapshot, rowType, executor, listener);
    }

    /**
     * Runs a read-only {@code SELECT} over the current contents of the tables and materialized views
     * of a pipeline running or paused in this instance; rows follow the query's ORDER BY.
     */
    @Performs(Operation.PIPELINE_QUERY)
    public QueryResult query(Caller caller, String ref, String sql) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_QUERY, ref);
        return dataPlane.query(tenant, SpecRules.ref(ref), sql);
    }

    /**
     * Runs a snapshot query like {@link #query} and writes its rows to {@code out} in {@code format}:
     * {@code JSON} (one JSON object per row and line) or {@code CSV} (RFC 4180 with a header line).
     * Every error is thrown before the first byte is written.
     */
    @Performs(Operation.PIPELINE_QUERY)
    public void writeQuery(Caller caller, String ref, String sql, DataFormat format, OutputStream out) throws IOException {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_QUERY, ref);
        dataPlane.writeQuery(tenant, SpecRules.ref(ref), sql, format, out);
    }

    /**
     * Plans, evaluates and checks a snapshot query, throwing every error ({@code InvalidQuery},
     * {@code QueryLimitExceeded}, ...) here, and returns its answer ready to be streamed in {@code format}
     * ({@code JSON} or {@code CSV}). Memory per query is bounded: an answer has at most
     * {@code pm.query.max-rows} rows and its evaluation builds at most {@code pm.query.max-state-bytes}
     * (estimated) of intermediate state. Servers use it to answer errors as error responses and rows as a stream.
     */
    @Performs(Operation.PIPELINE_QUERY)
    public QueryOutput prepareQuery(Caller caller, String ref, String sql, DataFormat format) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_QUERY, ref);
        return dataPlane.prepareQuery(tenant, SpecRules.ref(ref), sql, format);
    }

    /**
     * The rejected batches a pipeline running or paused in this instance keeps, oldest first: ingress requests
     * whose records made a step fail at run time (division by zero, overflow, failed cast, ...), set aside with
     * the error while the step's other requests were applied ({@code on_runtime_error = reject_batch}). At most
     * the 100 newest and 32 MiB (estimated) of records are kept; {@link PipelineStats} counts all of them.
     */
    @Performs(Operation.PIPELINE_REJECTED_LIST)
    public List<RejectedBatch> listRejectedBatches(Caller caller, String ref) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_REJECTED_LIST, ref);
        return dataPlane.rejectedBatches(tenant, SpecRules.ref(ref));
    }

    /** One kept rejected batch (see {@link #listRejectedBatches}); {@code UnknownRejectedBatch} when not kept. */
    @Performs(Operation.PIPELINE_REJECTED_GET)
    public RejectedBatch getRejectedBatch(Caller caller, String ref, long number) {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_REJECTED_GET, ref);
        return dataPlane.rejectedBatch(tenant, SpecRules.ref(ref), number);
    }

    /**
     * Writes the records of a kept rejected batch to {@code out} as NDJSON changes of its table (one
     * {@code {"insert": {...}}} or {@code {"delete": {...}}} line per record, the ingress JSON format, so they can
     * be fixed and pushed again) and returns its description. Every error is thrown before the first byte.
     */
    @Performs(Operation.PIPELINE_REJECTED_GET)
    public RejectedBatch writeRejectedBatch(Caller caller, String ref, long number, OutputStream out) throws IOException {
        TenantId tenant = access.enter(caller, Operation.PIPELINE_REJECTED_GET, ref);
        return dataPlane.writeRejectedBatch(tenant, SpecRules.ref(ref), number, out);
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
