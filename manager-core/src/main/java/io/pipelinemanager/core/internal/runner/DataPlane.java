package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ChangeListener;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.IngressResult;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.QueryOutput;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.api.ViewStep;
import io.pipelinemanager.core.api.ViewSubscription;
import io.pipelinemanager.core.internal.engine.InputCounters;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;
import io.pipelinemanager.core.internal.io.egress.TypedRows;
import io.pipelinemanager.core.internal.io.ingress.Ingress;
import io.pipelinemanager.core.internal.io.ingress.ObjectRows;
import io.pipelinemanager.core.internal.io.ingress.LimitedInputStream;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane of pipelines running in this instance: statistics, ingress, egress and snapshot
 * queries, each after a tenant-scoped lookup of the pipeline. A pipeline running here is found
 * among the local runners, without the database (so the data plane of running pipelines outlives a
 * database outage); other references are looked up in the store, and a pipeline that runs on
 * another instance of a shared database is reported as not running here.
 */
public final class DataPlane {

    private final Store store;
    private final Runners runners;
    private final EgressLimits egress;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final Limits limits;

    /**
     * Per-request memory bounds of the data plane. {@code maxRequestBytes}: bytes of one ingress body
     * ({@code RequestTooLarge}); {@code maxBufferedBytes}: estimated in-memory bytes of ingress input per
     * pipeline, being parsed or waiting for a step ({@code BackPressure}); {@code maxQueryRows} and
     * {@code maxQueryStateBytes}: rows of a query answer and estimated bytes of the intermediate state its
     * evaluation builds ({@code QueryLimitExceeded}).
     */
    public record Limits(long maxRequestBytes, long maxBufferedBytes, long maxQueryRows, long maxQueryStateBytes) {
        /** The defaults of the {@code pm.ingress.*} and {@code pm.query.*} configuration keys. */
        public static final Limits DEFAULT = new Limits(64L << 20, 128L << 20, 1_000_000, 64L << 20);

        /** Checks that every limit is positive. */
        public Limits {
            if (maxRequestBytes < 1 || maxBufferedBytes < 1 || maxQueryRows < 1 || maxQueryStateBytes < 1) {
                throw new IllegalArgumentException("data-plane limits must be positive");
            }
        }
    }

    /** A data plane with the {@link Limits#DEFAULT default limits} and the given egress limits. */
    public DataPlane(Store store, Runners runners, EgressLimits egress) {
        this(store, runners, Limits.DEFAULT, egress);
    }

    /** A data plane with the given per-request and egress limits. */
    public DataPlane(Store store, Runners runners, Limits limits, EgressLimits egress) {
        this.store = store;
        this.runners = runners;
        this.limits = limits;
        this.egress = egress;
    }

    /** Statistics of a running or paused pipeline. */
    public PipelineStats stats(TenantId tenant, String ref) {
        PipelineRunner runner = runner(tenant, ref);
        RunnerStats r = runner.stats();
        return new PipelineStats(runner.status(), runner.desiredStatus(),
                System.currentTimeMillis() - r.startedAtMillis(), r.steps(), r.totalInputRecords(),
                r.bufferedRecords(), r.processedRecords(), r.tableInputRecords(), r.tableParseErrors(),
                ignored(r, InputCounters::ignoredDeletes), ignored(r, InputCounters::ignoredUpdates),
                ignored(r, InputCounters::lateRecords),
                r.viewOutputRecords(), r.lastStepLatencyMicros(), r.stateEntries(),
                r.estimatedStateBytes(),
                java.time.Instant.ofEpochMilli(r.startedAtMillis()), r.checkpoint(), r.rejectedBatches(),
                r.rejectedRecords(), r.droppedRejectedBatches());
    }

    /** Asks a running or paused pipeline to write a checkpoint at its next step boundary. */
    public void requestCheckpoint(TenantId tenant, String ref) {
        runner(tenant, ref).requestCheckpoint();
    }

    /** The rejected batches a running or paused pipeline keeps, oldest first. */
    public List<RejectedBatch> rejectedBatches(TenantId tenant, String ref) {
        return runner(tenant, ref).rejectedBatches();
    }

    /** The description of a kept rejected batch; {@code UnknownRejectedBatch} when not kept. */
    public RejectedBatch rejectedBatch(TenantId tenant, String ref, long number) {
        return runner(tenant, ref).rejectedBatch(number).batch();
    }

    /**
     * Writes the records of a kept rejected batch to {@code out} as NDJSON changes of its table, one
     * {@code {"insert": {...}}}, {@code {"delete": {...}}} or {@code {"update": {...}}} line per record in the
     * request's order: the ingress JSON format, so they can be fixed and pushed again. Every error is thrown
     * before the first byte is written.
     */
    public RejectedBatch writeRejectedBatch(TenantId tenant, String ref, long number, OutputStream out) throws IOException {
        PipelineRunner runner = runner(tenant, ref);
        PipelineRunner.RejectedBatchRecords kept = runner.rejectedBatch(number);
        JsonChangeEncoder encoder = new JsonChangeEncoder(tableShape(runner, kept.batch().table()));
        encoder.writeTableChanges(kept.changes(), out);
        return kept.batch();
    }

    private static Map<String, Long> ignored(RunnerStats r, java.util.function.ToLongFunction<InputCounters> count) {
        Map<String, Long> out = new java.util.TreeMap<>();
        r.tableIgnored().forEach((table, c) -> {
            if (count.applyAsLong(c) != 0) {
                out.put(table, count.applyAsLong(c));
            }
        });
        return out;
    }

    /** Runs a read-only query over the current contents of the pipeline's tables and materialized views. */
    public QueryResult query(TenantId tenant, String ref, String sql) {
        return answer(tenant, ref, sql, DataFormat.JSON).toResult();
    }

    /** Runs a query and writes its rows in {@code format}: {@code json} (one object per line) or {@code csv} (with a header). */
    public void writeQuery(TenantId tenant, String ref, String sql, DataFormat format, OutputStream out) throws IOException {
        prepareQuery(tenant, ref, sql, format).writeTo(out);
    }

    /**
     * Plans, evaluates and checks a query (every error, limits included, is thrown here), returning its
     * answer ready to be streamed in {@code format}.
     */
    public QueryOutput prepareQuery(TenantId tenant, String ref, String sql, DataFormat format) {
        return answer(tenant, ref, sql, format);
    }

    private SnapshotQuery.Answer answer(TenantId tenant, String ref, String sql, DataFormat format) {
        requireFormat(format);
        if (sql == null || sql.isBlank()) {
            throw new ManagerException(ErrorCode.InvalidQuery, "The query is empty", Map.of());
        }
        PipelineRunner runner = runner(tenant, ref);
        return SnapshotQuery.run(runner, sql, format,
                new SnapshotQuery.Limits(limits.maxQueryRows(), limits.maxQueryStateBytes()));
    }

    /**
     * Parses one request body for a table (streamed, all records or none) and buffers its changes for
     * the next step. Parse errors are counted in the pipeline's statistics. The body may be at most
     * {@link Limits#maxRequestBytes()} long ({@code RequestTooLarge}); its rows are charged to the pipeline's
     * input budget of {@link Limits#maxBufferedBytes()} as they are parsed, so concurrent requests together
     * stay within it ({@code BackPressure}); a request that fails for any reason, including a body cut
     * mid-way, releases what it parsed.
     */
    public IngressResult ingress(TenantId tenant, String ref, String table, DataFormat format, InputStream body,
                                 long maxRecords) throws IOException {
        requireFormat(format);
        PipelineRunner runner = runner(tenant, ref);
        RelationShape shape = tableShape(runner, table);
        String name = shape.name();
        try (PipelineRunner.InputReservation reservation = runner.reserveInput(limits.maxBufferedBytes())) {
            TableChanges changes;
            try {
                changes = Ingress.parse(format, shape, new LimitedInputStream(body, limits.maxRequestBytes(), name),
                        Math.min(maxRecords, runner.config().maxBufferedRecords()), reservation::charge);
            } catch (ManagerException e) {
                runner.recordParseError(name);
                throw e;
            }
            long records = changes.records();
            runner.push(name, changes, records, reservation);
            return new IngressResult(name, records, runner.bufferedRecords());
        }
    }

    /**
     * Subscribes to a view's changes as NDJSON, optionally starting with its current contents; at most
     * {@link EgressLimits#perPipeline()} subscriptions per pipeline and {@link EgressLimits#perInstance()}
     * in this instance ({@code BackPressure} beyond).
     */
    public ChangeStream subscribe(TenantId tenant, String ref, String view, boolean snapshot) {
        return new NdjsonChangeStream(feed(tenant, ref, view, snapshot, null, ignored -> { }), egress.keepAlive());
    }

    /**
     * Subscribes to a view's changes as NDJSON, starting with those of every step after {@code afterStep} (a
     * subscriber resuming after the last step it saw: no gap, no duplicate); {@code StepsNotRetained} when they
     * are no longer all held. Same limits as {@link #subscribe(TenantId, String, String, boolean)}.
     */
    public ChangeStream subscribeAfter(TenantId tenant, String ref, String view, long afterStep) {
        return new NdjsonChangeStream(feed(tenant, ref, view, false, afterStep, ignored -> { }), egress.keepAlive());
    }

    /**
     * Subscribes to a view's changes as typed rows ({@link TypedRows}: {@code Map} or a record), delivered on
     * {@code executor} to one {@link java.util.concurrent.Flow.Subscriber}; same limits and queue as
     * {@link #subscribe}. A row type that does not fit the view is {@code InvalidRequest}, before anything is
     * registered.
     */
    public <T> ViewSubscription<T> subscribe(TenantId tenant, String ref, String view, boolean snapshot,
                                             Class<T> rowType, Executor executor) {
        return subscribe(tenant, ref, view, snapshot, null, rowType, executor);
    }

    /**
     * Like {@link #subscribe(TenantId, String, String, boolean, Class, Executor)}; with {@code afterStep} (and no
     * snapshot) the changes of every step after it come first (see {@link #subscribeAfter}).
     */
    public <T> ViewSubscription<T> subscribe(TenantId tenant, String ref, String view, boolean snapshot, Long afterStep,
                                             Class<T> rowType, Executor executor) {
        if (executor == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "An executor to deliver the changes on is required",
                    Map.of("field", "executor"));
        }
        TypedRows<?>[] rows = new TypedRows<?>[1];
        ViewFeed feed = feed(tenant, ref, view, snapshot, afterStep, shape -> rows[0] = TypedRows.of(shape, rowType));
        @SuppressWarnings("unchecked")
        TypedRows<T> typed = (TypedRows<T>) rows[0];
        return new TypedViewSubscription<>(feed, typed, executor);
    }

    /**
     * Like {@link #subscribe(TenantId, String, String, boolean, Class, Executor)}, with {@code listener} as its
     * subscriber: every step is requested, each delivered step is one {@link ChangeListener#onStep} call and the
     * end one {@link ChangeListener#onEnd} call (error null after a normal stop).
     */
    public <T> ViewSubscription<T> listen(TenantId tenant, String ref, String view, boolean snapshot, Class<T> rowType,
                                          Executor executor, ChangeListener<T> listener) {
        if (listener == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "A listener is required", Map.of("field", "listener"));
        }
        ViewSubscription<T> subscription = subscribe(tenant, ref, view, snapshot, rowType, executor);
        subscription.subscribe(new Flow.Subscriber<ViewStep<T>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ViewStep<T> item) {
                listener.onStep(item.step(), item.changes());
            }

            @Override
            public void onError(Throwable failure) {
                listener.onEnd(failure instanceof ManagerException e
                        ? new PipelineError(e.code(), e.getMessage(), e.details())
                        : new PipelineError(ErrorCode.InternalError, String.valueOf(failure), Map.of()));
            }

            @Override
            public void onComplete() {
                listener.onEnd(null);
            }
        });
        return subscription;
    }

    /**
     * Registers a subscription to {@code view} after {@code check} accepted the view's shape (it throws to
     * refuse), counting it against the instance-wide cap.
     */
    private ViewFeed feed(TenantId tenant, String ref, String view, boolean snapshot, Long afterStep,
                          java.util.function.Consumer<RelationShape> check) {
        PipelineRunner runner = runner(tenant, ref);
        String name = resolve(runner.definition().viewNames(), view, ErrorCode.UnknownView, runner, "view");
        RelationShape shape = RelationShape.from(relation(runner, name, false));
        check.accept(shape);
        int held = subscriptions.incrementAndGet();
        try {
            if (held > egress.perInstance()) {
                throw new ManagerException(ErrorCode.BackPressure, "This manager instance already serves "
                        + egress.perInstance() + " egress subscriptions, its maximum; close one or retry later",
                        Map.of("max_subscriptions", egress.perInstance()));
            }
            Subscription subscription = runner.subscribe(name, snapshot, afterStep, egress);
            return new ViewFeed(subscription, shape, subscriptions::decrementAndGet);
        } catch (RuntimeException e) {
            subscriptions.decrementAndGet();
            throw e;
        }
    }

    /**
     * Pushes Java rows into a table ({@link ObjectRows}: maps, records or objects with getters; with {@code kind}
     * null every item is a {@link Change}, else a row {@code kind} inserts or deletes), all or nothing,
     * under the same limits and with the same errors as {@link #ingress}; the rows take effect with a later step.
     */
    public PushResult push(TenantId tenant, String ref, String table, Collection<?> changes, Change.Kind kind) {
        if (changes == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The rows or changes to push are required",
                    Map.of("field", "rows"));
        }
        PipelineRunner runner = runner(tenant, ref);
        RelationShape shape = tableShape(runner, table);
        String name = shape.name();
        if (changes.isEmpty()) {
            return new PushResult(name, 0, runner.bufferedRecords(), runner.acceptedSequence(), runSince(runner));
        }
        try (PipelineRunner.InputReservation reservation = runner.reserveInput(limits.maxBufferedBytes())) {
            TableChanges rows;
            try {
                rows = ObjectRows.convert(shape, changes, kind, runner.config().maxBufferedRecords(), reservation::charge);
            } catch (ManagerException e) {
                runner.recordParseError(name);
                throw e;
            }
            long records = rows.records();
            long sequence = runner.push(name, rows, records, reservation);
            return new PushResult(name, records, runner.bufferedRecords(), sequence, runSince(runner));
        }
    }

    /**
     * Waits until {@code push} has been applied by a step of the pipeline and returns that step's number
     * ({@link StepProgress}); {@code PipelineNotRunning} when the pipeline restarted since the push (its state
     * and the push are gone) or stops while waiting.
     */
    public long awaitApplied(TenantId tenant, String ref, PushResult push, Duration timeout)
            throws InterruptedException, TimeoutException {
        PipelineRunner runner = runner(tenant, ref);
        if (!runSince(runner).equals(push.runSince())) {
            throw new ManagerException(ErrorCode.PipelineNotRunning, "Pipeline '" + runner.name()
                    + "' restarted after this push (its state is from " + runSince(runner) + ", the push from the run of "
                    + push.runSince() + "); the push was lost with the earlier state",
                    Map.of("pipeline", runner.name(), "state_since", runSince(runner).toString()));
        }
        return runner.awaitApplied(push.sequence(), timeout(timeout));
    }

    /** Waits until the pipeline has completed step {@code step}; returns its step count then. */
    public long awaitStep(TenantId tenant, String ref, long step, Duration timeout)
            throws InterruptedException, TimeoutException {
        return runner(tenant, ref).awaitStep(step, timeout(timeout));
    }

    private static void requireFormat(DataFormat format) {
        if (format == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "A format is required (json or csv)",
                    Map.of("field", "format"));
        }
    }

    private static Duration timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The timeout must be zero or positive",
                    Map.of("field", "timeout"));
        }
        return timeout;
    }

    private static Instant runSince(PipelineRunner runner) {
        return Instant.ofEpochMilli(runner.startedAtMillis());
    }

    /** Open change streams in this instance (not yet closed by their readers). */
    public int subscriptions() {
        return subscriptions.get();
    }

    /** The columns of the runner's table {@code table} (resolved like SQL identifiers), or {@code UnknownTable}. */
    private static RelationShape tableShape(PipelineRunner runner, String table) {
        String name = resolve(runner.definition().tableNames(), table, ErrorCode.UnknownTable, runner, "table");
        ProgramSchema.Relation relation = relation(runner, name, true);
        RelationShape columns = RelationShape.of(name, relation.columns().stream().map(ProgramSchema.Column::name).toList(),
                runner.definition().tableTypes(name));
        return new RelationShape(name, columns.columns(), runner.definition().tableKey(name),
                runner.definition().tableDefaults(name), runner.definition().tableAppendOnly(name));
    }

    /** The runner's own schema: the program it runs, read once at start, never again per request. */
    private static ProgramSchema.Relation relation(PipelineRunner runner, String name, boolean table) {
        ProgramSchema schema = runner.schema();
        return (table ? schema.tables() : schema.views()).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("schema of " + runner.name() + " lacks " + name));
    }

    /** The declared name matching {@code requested}: exactly, or else the unique case-insensitive match. */
    private static String resolve(Set<String> names, String requested, ErrorCode unknown, PipelineRunner pipeline,
                                  String kind) {
        if (requested != null && names.contains(requested)) {
            return requested;
        }
        List<String> folded = names.stream().filter(n -> n.equalsIgnoreCase(requested)).toList();
        if (folded.size() != 1) {
            throw new ManagerException(unknown, "Pipeline '" + pipeline.name() + "' has no " + kind + " '" + requested + "'",
                    Map.of(kind, String.valueOf(requested), "known", List.copyOf(names)));
        }
        return folded.get(0);
    }

    /** How many pipelines run in this instance. */
    public int localPipelines() {
        return runners.ids().size();
    }

    /**
     * The local runner of the tenant's running or paused pipeline {@code ref}: found among the local
     * runners without the database, else looked up in the store ({@code UnknownPipeline},
     * {@code PipelineNotRunning}).
     */
    PipelineRunner runner(TenantId tenant, String ref) {
        Optional<PipelineRunner> local = runners.find(tenant, ref).filter(PipelineRunner::serving);
        if (local.isPresent()) {
            return local.get();
        }
        return runner(store.read(s -> PipelineService.find(s, tenant, ref)));
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
