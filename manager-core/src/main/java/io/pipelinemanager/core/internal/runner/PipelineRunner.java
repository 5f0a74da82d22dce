package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.InputCounters;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.OperatorCounters;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.validation.SpecRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one pipeline in-process: a circuit instance and its step loop, which holds no thread of its own: its
 * turns (the initial restore, then one step or one checkpoint each) run on the workers of a
 * {@link StepScheduler} shared by the manager's pipelines whenever one is due; between turns the pipeline waits
 * for a signal (ingress, resume, stop) or a deadline (batch delay, checkpoint interval, clock tick). Ingress
 * buffers whole requests (bounded by {@code maxBufferedRecords} records); while running, a step starts once
 * {@code maxBatchRecords} records are pending or the oldest waited {@code maxBatchDelayMillis}, and takes whole
 * requests in arrival order up to {@code maxBatchRecords} records (at least one request, however large, so each
 * request is applied in one step). A pipeline takes one step at a time, in order, on one thread ({@code workers}
 * must be 1 until steps run in parallel). A step
 * that fails at run time is rolled back by the circuit, so no view ever shows a half-applied step; then, with
 * {@code on_runtime_error = fail}, the runner ends with the error, and with {@code reject_batch} (the default)
 * the step's requests are applied one by one and those that fail are kept as rejected batches
 * ({@link #rejectedBatches()}) while the pipeline keeps running.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    /** How long {@link #stop()} waits for a running step. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final PipelineId id;
    private final TenantId tenant;
    private final String pipeline;
    private final CircuitDefinition definition;
    private final ProgramSchema schema;
    private final PipelineConfig config;
    /** The circuit (guarded by {@link #circuitLock}); with stored state it is loaded by the loop before the first step. */
    private Circuit circuit;
    /** Checkpoints and the input journal of this pipeline, after its fault tolerance mode. */
    private final Durability durability;
    /** Whether the circuit is loaded (at once without stored state, else after the loop restored it). */
    private volatile boolean ready;
    /** Where steps and snapshot queries read {@code NOW()}. */
    private final Clock clock;
    /** Nanoseconds between steps without input while the program uses the clock; 0 when it does not. */
    private final long clockTickNanos;
    /** When the last step ended ({@link System#nanoTime}), guarded by {@link #lock}. */
    private long lastStepNanos = System.nanoTime();
    private final long startedAtMillis = System.currentTimeMillis();

    /** Guards the input buffer and the run state; ingress never waits for a step. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The step loop's place in its scheduler (set by {@link #start}); signalled whenever its work may have changed. */
    private volatile StepScheduler.Handle turns;
    /** The scheduler {@link #start(Executor, boolean)} made for this runner alone, closed when its loop ends. */
    private volatile StepScheduler ownScheduler;
    /** Guards the circuit: steps, snapshots and subscription registration see step boundaries only. */
    private final ReentrantLock circuitLock = new ReentrantLock();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long pendingRecords;
    /** Records of requests being journaled (exactly_once), reserved in the buffer until they are queued. */
    private long journalingRecords;
    /** Number of the last accepted push (guarded by {@link #lock}); pushes are taken by steps in this order. */
    private long acceptedSequence;
    /** Which pushes each recent step applied, for {@link #awaitApplied}. */
    private final StepProgress progress = new StepProgress();
    /**
     * Estimated bytes of ingress input held for this pipeline: rows of requests being parsed (reserved
     * while they parse) and of accepted requests not yet taken by a step.
     */
    private final AtomicLong inputBytes = new AtomicLong();
    private boolean running;
    private volatile boolean stopped;
    private final CountDownLatch loopExited = new CountDownLatch(1);
    private volatile boolean loopStarted;
    private volatile PipelineError failure;
    /** Told when the runner becomes ready or fails (the reconciler's wake-up); set before {@link #start}. */
    private volatile Runnable settled = () -> {
    };
    /** The status the reconciler last gave the pipeline, and its desired status as last read. */
    private volatile PipelineStatus status = PipelineStatus.INITIALIZING;
    private volatile DesiredStatus desiredStatus = DesiredStatus.RUNNING;

    private final Subscribers subscribers;
    /** Steps whose outputs are held for resuming subscribers. */
    static final int RETAINED_STEPS = 1024;
    /** Estimated bytes of outputs held for resuming subscribers. */
    static final long RETAINED_BYTES = 16L << 20;
    /** The outputs of recent steps (guarded by {@link #circuitLock}). */
    private final RecentSteps recent = new RecentSteps(RETAINED_STEPS, RETAINED_BYTES);
    private final Map<String, Long> tableInput = new ConcurrentHashMap<>();
    private final Map<String, Long> parseErrors = new ConcurrentHashMap<>();
    private final Map<String, Long> viewOutput = new ConcurrentHashMap<>();
    private final RejectedBatches rejected = new RejectedBatches();
    private long totalInput;
    private long processed;
    private long lastStepMicros;

    /**
     * Creates the runner of pipeline {@code id} (named {@code pipeline}, of {@code tenant}) with a fresh
     * circuit instance of the compiled program; call {@link #start} to run its loop.
     */
    public PipelineRunner(PipelineId id, TenantId tenant, String pipeline, CompiledProgram program,
                          PipelineConfig config) {
        this(id, tenant, pipeline, program, config, null);
    }

    /**
     * Creates the runner of pipeline {@code id} whose state is kept in {@code states} after its configuration's
     * {@code fault_tolerance} ({@code null}: in memory only). With stored state, the loop started by {@link #start}
     * first loads the last checkpoint and replays the journal ({@link #ready()} once done, or {@link #failure()});
     * until then the runner accepts no ingress.
     */
    public PipelineRunner(PipelineId id, TenantId tenant, String pipeline, CompiledProgram program,
                          PipelineConfig config, CheckpointStore states) {
        this(id, tenant, pipeline, program, config, states, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    /**
     * Like {@link #PipelineRunner(PipelineId, TenantId, String, CompiledProgram, PipelineConfig)}, with steps
     * and snapshot queries reading {@code NOW()} from {@code clock}; while the program's views use it (temporal
     * filters) the runner steps at least every {@code clockTick} even without input, so rows leave and enter
     * those views as time passes.
     */
    public PipelineRunner(PipelineId id, TenantId tenant, String pipeline, CompiledProgram program,
                          PipelineConfig config, Clock clock, Duration clockTick) {
        this(id, tenant, pipeline, program, config, null, clock, clockTick);
    }

    /** The runner of pipeline {@code id} with its state in {@code states} and its clock (see the constructors above). */
    public PipelineRunner(PipelineId id, TenantId tenant, String pipeline, CompiledProgram program,
                          PipelineConfig config, CheckpointStore states, Clock clock, Duration clockTick) {
        this.clock = clock;
        this.clockTickNanos = program.definition().usesClock() ? Math.max(1, clockTick.toNanos()) : 0;
        this.id = id;
        this.tenant = tenant;
        this.pipeline = pipeline;
        this.subscribers = new Subscribers(pipeline);
        this.definition = program.definition();
        this.schema = program.schema();
        this.config = config;
        this.durability = Durability.of(states, id, pipeline, config.faultTolerance(), config.checkpointIntervalSecs(),
                program.contentHash());
        if (!durability.mode().checkpoints()) {
            this.circuit = definition.instantiate(clock);
            this.ready = true;
            if (circuit.initFailure() != null) {
                // A view fails over empty tables (e.g. a constant divided by zero): the pipeline cannot start.
                failure = stepFailure(circuit.initFailure());
            }
        }
    }

    /**
     * Runs {@code listener} (quickly, on the runner's thread) when the runner has loaded its stored state
     * ({@link #ready()}) or failed ({@link #failure()}); call it before {@link #start}.
     */
    void onSettled(Runnable listener) {
        this.settled = listener;
    }

    /** Whether the runner's state is loaded (see the constructor); a runner that failed to load it has a {@link #failure()}. */
    public boolean ready() {
        return ready;
    }

    /** The pipeline's id. */
    public PipelineId id() {
        return id;
    }

    /** The pipeline's tenant. */
    public TenantId tenant() {
        return tenant;
    }

    /** The pipeline's name (a running pipeline cannot be renamed). */
    public String name() {
        return pipeline;
    }

    /** The pipeline's configuration. */
    public PipelineConfig config() {
        return config;
    }

    /** Whether {@code ref} (the pipeline's UUID or name) names this runner's pipeline in {@code tenant}. */
    public boolean answersTo(TenantId tenant, String ref) {
        if (ref == null || !this.tenant.equals(tenant)) {
            return false;
        }
        return SpecRules.isUuid(ref) ? UUID.fromString(ref).equals(id.value()) : pipeline.equals(ref);
    }

    /** Records the pipeline's statuses as the reconciler last wrote or read them. */
    void observe(PipelineStatus status, DesiredStatus desiredStatus) {
        this.status = status;
        this.desiredStatus = desiredStatus;
    }

    /** The pipeline's status as the reconciler last wrote it. */
    public PipelineStatus status() {
        return status;
    }

    /** The pipeline's desired status as the reconciler last read it. */
    public DesiredStatus desiredStatus() {
        return desiredStatus;
    }

    /** Whether the data plane may serve this runner: it did not fail, and its pipeline is RUNNING or PAUSED. */
    public boolean serving() {
        PipelineStatus s = status;
        return failure == null && !stopped && (s == PipelineStatus.RUNNING || s == PipelineStatus.PAUSED);
    }

    /** The number of view subscriptions registered now. */
    public int subscriptions() {
        return subscribers.count();
    }

    /**
     * Starts the step loop, paused or running, on a scheduler of its own with one worker loop on {@code executor}
     * (ended with the runner); a refused task is rethrown and leaves nothing to stop.
     */
    public void start(Executor executor, boolean running) {
        StepScheduler own = new StepScheduler(executor, 1);
        ownScheduler = own;
        try {
            start(own, running);
        } catch (RejectedExecutionException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Starts the step loop, paused or running, on {@code scheduler}'s workers: its first turn loads the stored state
     * (if any). When the scheduler cannot run workers (its executor refused them) the refusal is rethrown and leaves
     * nothing to stop.
     */
    public void start(StepScheduler scheduler, boolean running) {
        lock.lock();
        try {
            this.running = running;
        } finally {
            lock.unlock();
        }
        StepScheduler.Handle handle = scheduler.register(this::turn);
        loopStarted = true;
        turns = handle;
        handle.signal();
    }

    /** Tells the step loop that its work may have changed (it takes a turn soon, or after the one it takes now). */
    private void wake() {
        StepScheduler.Handle handle = turns;
        if (handle != null) {
            handle.signal();
        }
    }

    /** Lets steps run. */
    public void resume() {
        setRunning(true);
    }

    /** Stops taking steps; ingress keeps buffering up to the limit. */
    public void pause() {
        setRunning(false);
    }

    /** Whether steps are being taken. */
    public boolean isRunning() {
        lock.lock();
        try {
            return running && !stopped;
        } finally {
            lock.unlock();
        }
    }

    /** The error that ended this runner, or null. */
    public PipelineError failure() {
        return failure;
    }

    /** The tables and views of the program this runner executes (fixed for its lifetime). */
    public ProgramSchema schema() {
        return schema;
    }

    /** Where this runner's steps and snapshot queries read {@code NOW()}. */
    Clock clock() {
        return clock;
    }

    /** The circuit definition this runner executes. */
    public CircuitDefinition definition() {
        return definition;
    }

    /**
     * Buffers one request's changes for a table, atomically: all of them or, when the buffer would
     * overflow, none ({@code BackPressure}).
     */
    public long push(String table, ZSet delta, long records) {
        return push(table, delta, records, null);
    }

    /**
     * Buffers one request's changes like {@link #push(String, ZSet, long)}; the bytes {@code reservation}
     * holds for them stay accounted until a step takes the request (released if the push is refused).
     * Returns the push's sequence number (see {@link #awaitApplied}).
     */
    public long push(String table, ZSet delta, long records, InputReservation reservation) {
        return push(table, TableChanges.of(delta), records, reservation);
    }

    /**
     * Buffers one request's changes in arrival order (inserts, deletes and, for a table with a primary key,
     * updates) like {@link #push(String, ZSet, long, InputReservation)}; a step applies the changes of all the
     * requests it takes in the order they were accepted (see {@link Circuit#apply}).
     */
    public long push(String table, TableChanges changes, long records, InputReservation reservation) {
        if (!definition.tableNames().contains(table)) {
            throw new ManagerException(ErrorCode.UnknownTable, "Pipeline '" + pipeline + "' has no table '" + table + "'",
                    Map.of("table", table));
        }
        if (!durability.journals()) {
            lock.lock();
            try {
                admitLocked(records);
                return queueLocked(table, changes, records, reservation, 0);
            } finally {
                lock.unlock();
            }
        }
        // Durable before it is accepted: its place in the buffer is reserved, then it is journaled (sharing a flush
        // with concurrent requests), then queued.
        lock.lock();
        try {
            admitLocked(records);
            journalingRecords += records;
        } finally {
            lock.unlock();
        }
        long[] sequence = new long[1];
        try {
            durability.journalInput(table, changes, journaled -> {
                lock.lock();
                try {
                    journalingRecords -= records;
                    sequence[0] = queueLocked(table, changes, records, reservation, journaled);
                } finally {
                    lock.unlock();
                }
            });
        } catch (RuntimeException e) {
            lock.lock();
            try {
                if (sequence[0] == 0) {
                    journalingRecords -= records;
                }
                wake(); // a full journal asked for a checkpoint
            } finally {
                lock.unlock();
            }
            throw e;
        }
        return sequence[0];
    }

    private void admitLocked(long records) {
        requireAlive();
        long held = pendingRecords + journalingRecords;
        if (held + records > config.maxBufferedRecords()) {
            throw new ManagerException(ErrorCode.BackPressure,
                    "The input buffer of pipeline '" + pipeline + "' is full (" + held + " of "
                            + config.maxBufferedRecords() + " records pending); retry later",
                    Map.of("buffered_records", held, "max_buffered_records", config.maxBufferedRecords()));
        }
    }

    private long queueLocked(String table, TableChanges changes, long records, InputReservation reservation,
                             long journaled) {
        long sequence = ++acceptedSequence;
        pending.add(new Pending(table, changes, records, reservation == null ? 0 : reservation.commit(),
                System.nanoTime(), sequence, journaled));
        pendingRecords += records;
        totalInput += records;
        tableInput.merge(table, records, Long::sum);
        wake();
        return sequence;
    }

    /** Counts a rejected ingress request for the table's statistics. */
    public void recordParseError(String table) {
        parseErrors.merge(table, 1L, Long::sum);
    }

    /**
     * Subscribes to a view's changes. With {@code snapshot}, the first event (step 0) holds the view's
     * current contents, taken atomically with the registration (materialized views only). At most
     * {@code limits.perPipeline()} subscriptions at once ({@code BackPressure} beyond).
     */
    public Subscription subscribe(String view, boolean snapshot, EgressLimits limits) {
        return subscribe(view, snapshot, null, limits);
    }

    /**
     * Subscribes like {@link #subscribe(String, boolean, EgressLimits)}; with {@code afterStep} (not with
     * {@code snapshot}) the view's changes of every step after it are queued first, atomically with the
     * registration, so a subscriber that saw step {@code afterStep} resumes without a gap or a duplicate.
     * {@code StepsNotRetained} when some of those steps are no longer held (the last {@link #RETAINED_STEPS}
     * steps of this run, at most about {@link #RETAINED_BYTES} bytes of outputs; after a restart, the steps
     * replayed from the journal and later ones); {@code InvalidRequest} when it is ahead of the pipeline.
     */
    public Subscription subscribe(String view, boolean snapshot, Long afterStep, EgressLimits limits) {
        if (afterStep != null && (snapshot || afterStep < 0)) {
            throw new ManagerException(ErrorCode.InvalidRequest, snapshot
                    ? "A subscription resumes after a step or starts with a snapshot, not both"
                    : "after_step must be at least 0", Map.of("field", "after_step"));
        }
        if (!definition.viewNames().contains(view)) {
            throw new ManagerException(ErrorCode.UnknownView, "Pipeline '" + pipeline + "' has no view '" + view + "'",
                    Map.of("view", view));
        }
        if (snapshot && !definition.isMaterialized(view)) {
            throw new ManagerException(ErrorCode.UnknownView,
                    "View '" + view + "' is not materialized, so it has no snapshot; declare it CREATE MATERIALIZED VIEW",
                    Map.of("view", view));
        }
        Subscription subscription = subscribers.create(view, limits);
        circuitLock.lock();
        try {
            requireAlive();
            long current = circuit.steps();
            if (afterStep != null) {
                replayTo(subscription, view, afterStep, current);
            }
            subscription.reached(current);
            if (snapshot) {
                ZSet contents = circuit.snapshot(view);
                subscription.publish(circuit.steps(), true, contents, ChangeSizes.estimate(contents));
            }
            // The subscribers refuse registration once ended, so a stop racing this call cannot leave it unended.
            if (!subscribers.add(subscription, limits.perPipeline())) {
                throw notRunning();
            }
        } finally {
            circuitLock.unlock();
        }
        return subscription;
    }

    private void replayTo(Subscription subscription, String view, long afterStep, long current) {
        if (afterStep > current) {
            throw new ManagerException(ErrorCode.InvalidRequest, "Pipeline '" + pipeline + "' has completed " + current
                    + " steps; after_step " + afterStep + " is ahead of it", Map.of("field", "after_step",
                            "after_step", afterStep, "step", current));
        }
        List<RecentSteps.Step> missed = recent.since(view, afterStep, current);
        if (missed == null) {
            long oldest = recent.oldest();
            throw new ManagerException(ErrorCode.StepsNotRetained, "The changes of pipeline '" + pipeline + "' after step "
                    + afterStep + " are no longer all held (held: " + (oldest < 0 ? "none" : "steps " + oldest + " to "
                    + current) + "); subscribe with a snapshot instead", Map.of("after_step", afterStep, "step", current,
                            "oldest_retained_step", oldest));
        }
        missed.forEach(s -> subscription.publish(s.step(), false, s.outputs().get(view), s.bytes()));
    }

    /** The contents of several tables or materialized views, all at the same step boundary. */
    public Map<String, ZSet> snapshots(java.util.Set<String> relations) {
        circuitLock.lock();
        try {
            requireAlive();
            Map<String, ZSet> out = new LinkedHashMap<>();
            relations.forEach(r -> out.put(r, circuit.snapshot(r)));
            return out;
        } finally {
            circuitLock.unlock();
        }
    }

    /** Records accepted by ingress and not yet taken by a step. */
    public long bufferedRecords() {
        lock.lock();
        try {
            return pendingRecords;
        } finally {
            lock.unlock();
        }
    }

    /** Current counters. */
    public RunnerStats stats() {
        long input;
        long buffered;
        lock.lock();
        try {
            input = totalInput;
            buffered = pendingRecords;
        } finally {
            lock.unlock();
        }
        circuitLock.lock();
        try {
            if (circuit == null) {
                return new RunnerStats(startedAtMillis, 0, input, buffered, processed, Map.copyOf(tableInput),
                        Map.copyOf(parseErrors), Map.of(), Map.copyOf(viewOutput), lastStepMicros, 0, 0, durability.stats(),
                        rejected.count(), rejected.records(), rejected.dropped());
            }
            long state = circuit.isPoisoned() ? 0
                    : circuit.counters().stream().mapToLong(OperatorCounters::stateSize).sum();
            long bytes = circuit.isPoisoned() ? 0 : circuit.estimatedStateBytes();
            return new RunnerStats(startedAtMillis, circuit.steps(), input, buffered, processed,
                    Map.copyOf(tableInput), Map.copyOf(parseErrors), circuit.isPoisoned() ? Map.of() : circuit.inputCounters(),
                    Map.copyOf(viewOutput), lastStepMicros, state, bytes, durability.stats(), rejected.count(), rejected.records(),
                    rejected.dropped());
        } finally {
            circuitLock.unlock();
        }
    }

    /**
     * Stops the loop, waits (at most {@link #STOP_WAIT}) for a running step to finish, and ends every
     * subscription normally (or with the pipeline's failure); state is released with the runner. After
     * it returns the executor's thread no longer runs this pipeline's code (unless a step outlived the
     * wait, which is logged).
     */
    public void stop() {
        stop(null, true);
    }

    /**
     * Stops like {@link #stop()} without writing a checkpoint: the pipeline is no longer this instance's (its lease
     * was lost or it is being replaced), so its stored state belongs to the next owner. To the stored state this is
     * like a crash.
     */
    public void abandon() {
        stop(null, false);
    }

    /**
     * Stops like {@link #stop()} because the manager shuts down: subscriptions end with a
     * {@code ShuttingDown} error (unless the pipeline had failed), not like a normal pipeline stop.
     */
    public void shutdown() {
        stop(new PipelineError(ErrorCode.ShuttingDown, "The manager instance running pipeline '" + pipeline
                + "' is shutting down; the pipeline stopped here without being shut down", Map.of("pipeline", pipeline)),
                true);
    }

    /** Asks for a checkpoint at the next step boundary ({@code InvalidConfig} when the pipeline keeps none). */
    public void requestCheckpoint() {
        requireAlive();
        durability.request();
        lock.lock();
        try {
            wake();
        } finally {
            lock.unlock();
        }
    }

    private void stop(PipelineError reason, boolean keepState) {
        lock.lock();
        try {
            stopped = true;
        } finally {
            lock.unlock();
        }
        StepScheduler.Handle handle = turns;
        if (handle != null && handle.cancelUnlessRunning()) {
            endLoop(); // no turn runs now and none will: the loop ends here (else the running turn ends it)
        }
        if (loopStarted) {
            try {
                if (!loopExited.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Pipeline {}: a step still runs {} after the stop", pipeline, STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (keepState) {
            finalCheckpoint();
        }
        durability.close();
        PipelineError failed = failure;
        subscribers.endAll(failed != null ? failed : reason);
        progress.wakeAll();
    }

    /**
     * After the loop ended: in {@code checkpoint} mode applies the input still waiting (it is not journaled), then
     * writes a last checkpoint (inputs still waiting in {@code exactly_once} stay in the journal for the next start).
     */
    private void finalCheckpoint() {
        if (!ready || failure != null || !durability.mode().checkpoints() || loopRunning()) {
            return;
        }
        if (!durability.journals()) {
            while (failure == null && bufferedRecords() > 0) {
                step();
            }
        }
        if (failure == null) {
            circuitLock.lock();
            try {
                durability.checkpointNow(circuit, this::firstWaitingJournalSequence);
            } finally {
                circuitLock.unlock();
            }
        }
    }

    /** Whether the loop may still run (a step outlived the stop's wait). */
    private boolean loopRunning() {
        return loopStarted && loopExited.getCount() > 0;
    }

    /** The least journal sequence of the inputs waiting for a step, 0 when none waits. */
    private long firstWaitingJournalSequence() {
        lock.lock();
        try {
            long least = 0;
            for (Pending p : pending) {
                if (p.journalSequence() > 0 && (least == 0 || p.journalSequence() < least)) {
                    least = p.journalSequence();
                }
            }
            return least;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails the pipeline from outside (the manager ran out of memory): its loop exits without another
     * step, its subscriptions end with the error, and the reconciler records {@code FAILED}.
     */
    void abort(PipelineError error) {
        if (failure != null) {
            return;
        }
        fail(error);
        lock.lock();
        try {
            wake();
        } finally {
            lock.unlock();
        }
    }

    private void setRunning(boolean value) {
        lock.lock();
        try {
            running = value;
            wake();
        } finally {
            lock.unlock();
        }
    }

    private void requireAlive() {
        if (stopped || failure != null || !ready) {
            throw notRunning();
        }
    }

    private ManagerException notRunning() {
        return new ManagerException(ErrorCode.PipelineNotRunning, "Pipeline '" + pipeline + "' is not running",
                Map.of("pipeline", pipeline));
    }

    /**
     * One turn of the step loop on a scheduler's worker: the first loads the stored state (if any); every later one
     * takes one step or one checkpoint if one is due. Answers when the loop is due again ({@link StepScheduler.Task});
     * the loop ends once the runner stops or fails.
     */
    private long turn() {
        // The worker keeps its name: renaming a thread costs a system call, about 1.5 µs, twice per turn.
        try {
            if (!ready) {
                if (!restore()) {
                    return endLoop();
                }
            } else {
                switch (nextWork().work()) {
                    case STEP -> step();
                    case CHECKPOINT -> checkpoint();
                    default -> {
                    }
                }
            }
            Next next = nextWork();
            return switch (next.work()) {
                case EXIT -> endLoop();
                case WAIT -> next.dueAt();
                default -> StepScheduler.NOW;
            };
        } catch (RuntimeException | Error e) {
            LOG.error("Pipeline {} stopped by an unexpected failure", pipeline, e);
            fail(new PipelineError(ErrorCode.InternalError, "The pipeline failed unexpectedly: " + e, Map.of()));
            return endLoop();
        }
    }

    /** Marks the loop ended (at most once: by its last turn, or by a stop while no turn ran). */
    private long endLoop() {
        loopExited.countDown();
        StepScheduler own = ownScheduler;
        if (own != null) {
            own.close();
        }
        return StepScheduler.DONE;
    }

    /** What the loop does next: {@code dueAt} ({@link System#nanoTime}, or {@link StepScheduler#PARK}) with WAIT. */
    private record Next(Work work, long dueAt) {
        static final Next STEP = new Next(Work.STEP, 0);
        static final Next CHECKPOINT = new Next(Work.CHECKPOINT, 0);
        static final Next EXIT = new Next(Work.EXIT, 0);
    }

    private enum Work { STEP, CHECKPOINT, EXIT, WAIT }

    /**
     * Whether a batch (by size or by its oldest request's delay), a checkpoint or a clock tick is due, the runner
     * stopped, or until when nothing is due.
     */
    private Next nextWork() {
        lock.lock();
        try {
            if (stopped || failure != null) {
                return Next.EXIT;
            }
            long checkpointDue = durability.dueInNanos(circuit.steps());
            if (checkpointDue <= 0) {
                return Next.CHECKPOINT;
            }
            long now = System.nanoTime();
            long wait = checkpointDue;
            if (running && pendingRecords > 0) {
                long due = TimeUnit.MILLISECONDS.toNanos(config.maxBatchDelayMillis()) - (now - pending.peek().arrivedNanos());
                if (pendingRecords >= config.maxBatchRecords() || due <= 0) {
                    return Next.STEP;
                }
                wait = Math.min(wait, due);
            } else if (running && clockTickNanos > 0) {
                // Time passing changes views that use NOW(): step without input once per tick.
                long due = clockTickNanos - (now - lastStepNanos);
                if (due <= 0) {
                    return Next.STEP;
                }
                wait = Math.min(wait, due);
            }
            return new Next(Work.WAIT, wait == Long.MAX_VALUE ? StepScheduler.PARK : now + wait);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loads the stored state (last checkpoint, then the journal's steps) on the loop's thread; inputs journaled
     * but never stepped wait for new steps. False (with the failure set) when the state cannot be loaded.
     */
    private boolean restore() {
        Durability.Restored restored;
        try {
            restored = durability.restore(definition, () -> stopped, recent::record);
        } catch (Durability.CannotResume e) {
            if (!stopped) {
                fail(e.error);
            }
            return false;
        }
        circuitLock.lock();
        try {
            circuit = restored.circuit();
            circuit.clock(clock);
        } finally {
            circuitLock.unlock();
        }
        if (circuit.initFailure() != null) {
            // A view fails over empty tables (e.g. a constant divided by zero): the pipeline cannot start.
            fail(stepFailure(circuit.initFailure()));
            return false;
        }
        lock.lock();
        try {
            for (Durability.JournaledInput input : restored.waiting()) {
                queueLocked(input.table(), input.changes(), input.changes().records(), null, input.sequence());
            }
        } finally {
            lock.unlock();
        }
        progress.applied(circuit.steps(), 0);
        ready = true;
        settled.run();
        return true;
    }

    /** Captures a checkpoint between two steps and writes it in the background. */
    private void checkpoint() {
        circuitLock.lock();
        try {
            durability.checkpointInBackground(circuit, this::firstWaitingJournalSequence);
        } catch (RuntimeException e) {
            LOG.warn("Pipeline {}: capturing a checkpoint failed", pipeline, e);
        } finally {
            circuitLock.unlock();
        }
    }

    private void step() {
        List<Pending> requests = new ArrayList<>();
        long records = 0;
        lock.lock();
        try {
            while (!pending.isEmpty()
                    && (records == 0 || records + pending.peek().records() <= config.maxBatchRecords())) {
                Pending request = pending.poll();
                requests.add(request);
                records += request.records();
                inputBytes.addAndGet(-request.bytes());
            }
            pendingRecords -= records;
            lastStepNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
        circuitLock.lock();
        try {
            CircuitStepException error = apply(requests);
            if (error == null) {
                return;
            }
            if (requests.isEmpty() && circuit.deferredInitFailure() != null) {
                // The clock alone over tables still empty: the views over empty tables fail as when the circuit was
                // created, and their evaluation waits for the first request, as then.
                return;
            }
            // A step of the clock alone (no request) has no request to set aside: retrying it would fail at every
            // tick and reject every later request for what the time change did, so the pipeline fails instead.
            if (config.onRuntimeError() == OnRuntimeError.FAIL || requests.isEmpty()) {
                journalDiscarded(journaled(requests));
                fail(stepFailure(error));
                return;
            }
            rejectFailing(requests, error);
        } catch (OutOfMemoryError e) {
            fail(new PipelineError(ErrorCode.RuntimeError, "A step ran out of memory; the pipeline's state and "
                    + "input no longer fit the heap", Map.of("reason", "OUT_OF_MEMORY")));
        } finally {
            circuitLock.unlock();
        }
    }

    /**
     * Applies {@code requests} as one step, journals it and publishes its changes; returns null (also when the
     * journal could not be written: then the pipeline failed), or the error of a step that failed at run time
     * (then rolled back by the circuit: nothing changed, nothing journaled). Called with the circuit lock held.
     */
    private CircuitStepException apply(List<Pending> requests) {
        Map<String, List<TableChanges>> batch = new LinkedHashMap<>();
        long records = 0;
        long lastSequence = 0;
        for (Pending request : requests) {
            batch.computeIfAbsent(request.table(), t -> new ArrayList<>()).add(request.changes());
            records += request.records();
            lastSequence = request.sequence();
        }
        Map<String, TableChanges> inputs = new LinkedHashMap<>();
        batch.forEach((table, changes) -> inputs.put(table, TableChanges.concat(changes)));
        long started = System.nanoTime();
        Map<String, ZSet> outputs;
        try {
            outputs = circuit.apply(inputs, null);
        } catch (CircuitStepException e) {
            return e;
        }
        if (!journalStepped(journaled(requests))) {
            return null;
        }
        lastStepMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        processed += records;
        outputs.forEach((view, delta) -> viewOutput.merge(view, records(delta), Long::sum));
        subscribers.publish(circuit.steps(), outputs);
        recent.record(circuit.steps(), outputs);
        progress.applied(circuit.steps(), lastSequence);
        return null;
    }

    /** The journal sequences of {@code requests} (those that were journaled). */
    private static List<Long> journaled(List<Pending> requests) {
        List<Long> out = new ArrayList<>();
        for (Pending request : requests) {
            if (request.journalSequence() > 0) {
                out.add(request.journalSequence());
            }
        }
        return out;
    }

    /**
     * After a step of several requests failed (and was rolled back): applies each request alone, in arrival
     * order, each as its own (journaled) step, and sets aside as a rejected batch every request whose step fails
     * (journaled as discarded, so a replay skips it). A request is rejected exactly when it fails on the state its
     * predecessors in the step left, so the decision depends only on the state before the step and the step's
     * requests in order; a replay of the journal repeats the per-request steps. The cost (one step per request)
     * is paid only by a step that failed. Called with the circuit lock held.
     */
    private void rejectFailing(List<Pending> requests, CircuitStepException error) {
        if (requests.size() == 1) {
            journalDiscarded(journaled(requests));
            reject(requests.get(0), error);
            return;
        }
        for (Pending request : requests) {
            if (failure != null) {
                return; // the journal could not be written
            }
            CircuitStepException e = apply(List.of(request));
            if (e != null) {
                journalDiscarded(journaled(List.of(request)));
                reject(request, e);
            }
        }
    }

    /** Keeps {@code request} as a rejected batch failed with {@code error}; its waiters learn it. */
    private void reject(Pending request, CircuitStepException error) {
        long number = rejected.nextNumber();
        List<String> row = null;
        if (error.row() != null) {
            row = new ArrayList<>(error.row().size());
            for (int i = 0; i < error.row().size(); i++) {
                Object v = error.row().get(i);
                row.add(v == null ? null : String.valueOf(v));
            }
        }
        RejectedBatch batch = new RejectedBatch(number, Instant.now(), circuit.steps(), request.sequence(),
                request.table(), request.records(), error.code() == null ? "INTERNAL" : error.code().name(),
                error.getCause().getMessage(), error.operatorKind(), List.copyOf(error.views()), row);
        rejected.add(batch, request.changes());
        progress.rejected(circuit.steps(), request.sequence(), number);
        LOG.info("Pipeline {}: rejected batch {} ({} records of table {}): {} in {} operator of {}: {}", pipeline, number,
                request.records(), request.table(), batch.errorCode(), batch.operator(), batch.views(), batch.message());
    }

    /** The rejected batches kept now, oldest first. */
    public List<RejectedBatch> rejectedBatches() {
        return rejected.list();
    }

    /** The kept rejected batch numbered {@code number} and its records; {@code UnknownRejectedBatch} otherwise. */
    public RejectedBatchRecords rejectedBatch(long number) {
        RejectedBatches.Entry e = rejected.get(pipeline, number);
        if (e.changes() == null) {
            throw new ManagerException(ErrorCode.UnknownRejectedBatch, "The records of rejected batch " + number
                    + " of pipeline '" + pipeline + "' were larger than the rejected batches may hold and were not kept",
                    Map.of("pipeline", pipeline, "rejected_batch", number));
        }
        return new RejectedBatchRecords(e.batch(), e.changes());
    }

    /** A rejected batch with its records (the request's changes of its table). */
    public record RejectedBatchRecords(RejectedBatch batch, TableChanges changes) {
    }

    /**
     * Journals that the step just taken applied the inputs with journal sequences {@code inputs}, before its outputs
     * are published; false (the pipeline failed, nothing published) when the journal cannot be written.
     */
    private boolean journalStepped(List<Long> inputs) {
        try {
            durability.stepped(circuit.steps(), inputs.stream().mapToLong(Long::longValue).toArray(), circuit,
                    this::firstWaitingJournalSequence);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("Pipeline {}: step {} could not be journaled", pipeline, circuit.steps(), e);
            fail(durability.storageError("journaled", e));
            return false;
        }
    }

    /** Journals that a failed step dropped the inputs with journal sequences {@code inputs} (logged if it cannot). */
    private void journalDiscarded(List<Long> inputs) {
        try {
            durability.discarded(circuit.steps(), inputs.stream().mapToLong(Long::longValue).toArray(), circuit,
                    this::firstWaitingJournalSequence);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Pipeline {}: the inputs of a failed step could not be marked dropped in the journal", pipeline, e);
        }
    }

    /** The sequence number of the last push this runner accepted (0 before the first). */
    public long acceptedSequence() {
        lock.lock();
        try {
            return acceptedSequence;
        } finally {
            lock.unlock();
        }
    }

    /** When this runner (and its in-memory state) started, in epoch milliseconds. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /**
     * Waits until the push with sequence number {@code sequence} has been applied by a step and returns that
     * step's number (see {@link StepProgress#stepOf} for pushes older than the remembered steps).
     *
     * @throws TimeoutException when it is not applied within {@code timeout} (e.g. the pipeline is paused)
     * @throws ManagerException {@code PipelineNotRunning} when the runner stops first, or its failure
     */
    public long awaitApplied(long sequence, Duration timeout) throws InterruptedException, TimeoutException {
        return progress.awaitApplied(sequence, timeout, this::requireAliveForWaiters, batch -> {
            throw new ManagerException(ErrorCode.BatchRejected, "Push " + sequence + " to pipeline '" + pipeline
                    + "' made a step fail at run time and was set aside as rejected batch " + batch
                    + "; nothing of it was applied", Map.of("pipeline", pipeline, "rejected_batch", batch));
        });
    }

    /** Waits until the pipeline has completed step {@code step} and returns its step count then (at least {@code step}). */
    public long awaitStep(long step, Duration timeout) throws InterruptedException, TimeoutException {
        return progress.awaitStep(step, timeout, this::requireAliveForWaiters);
    }

    private void requireAliveForWaiters() {
        PipelineError failed = failure;
        if (failed != null) {
            throw new ManagerException(failed.code(), "Pipeline '" + pipeline + "' failed: " + failed.message(),
                    failed.details());
        }
        if (stopped) {
            throw notRunning();
        }
    }

    private static PipelineError stepFailure(CircuitStepException e) {
        return new PipelineError(ErrorCode.RuntimeError, "Step failed in " + e.operatorKind() + " operator of "
                + e.views() + ": " + e.getCause().getMessage(),
                Map.of("operator_id", e.operatorId(), "operator", e.operatorKind(),
                        "views", List.copyOf(e.views()), "reason", String.valueOf(e.code())));
    }

    /** One accepted ingress request waiting for a step. */
    private record Pending(String table, TableChanges changes, long records, long bytes, long arrivedNanos, long sequence,
                           long journalSequence) {
    }

    /** Estimated bytes of ingress input held for this pipeline (being parsed or waiting for a step). */
    public long bufferedBytes() {
        return inputBytes.get();
    }

    /**
     * Starts accounting the input of one ingress request against at most {@code maxBufferedBytes} estimated
     * bytes for this pipeline, shared by every request being parsed and every request waiting for a step.
     * Close it when the request ends: bytes not handed to {@link #push(String, ZSet, long, InputReservation)}
     * are released.
     */
    public InputReservation reserveInput(long maxBufferedBytes) {
        return new InputReservation(maxBufferedBytes);
    }

    /**
     * The bytes one ingress request holds in its pipeline's input budget. Bytes are reserved ahead in
     * chunks, so concurrent requests contend rarely; together they never pass the budget. Not thread-safe
     * (one request, one thread).
     */
    public final class InputReservation implements AutoCloseable {
        /** Bytes reserved ahead of need, to touch the shared counter once per chunk. */
        static final long CHUNK = 256 * 1024;

        private final long max;
        private long reserved;
        private long used;
        private boolean done;

        private InputReservation(long max) {
            this.max = max;
        }

        /** Charges {@code bytes} more; throws {@code BackPressure} (holding nothing more) when the budget is full. */
        public void charge(long bytes) {
            if (done) {
                throw new IllegalStateException("reservation already ended");
            }
            long need = used + bytes - reserved;
            if (need > 0) {
                long ask = Math.max(need, Math.min(CHUNK, max / 16));
                if (!take(ask) && !take(need)) {
                    long held = inputBytes.get();
                    String message = used + bytes > max
                            ? "The request alone needs more than the input budget of pipeline '" + pipeline + "' ("
                                    + max + " bytes in memory, pm.ingress.max-buffered-bytes); split it into smaller requests"
                            : "The input buffer of pipeline '" + pipeline + "' is full (about " + held + " of " + max
                                    + " bytes held by buffered and in-flight requests); retry later";
                    throw new ManagerException(ErrorCode.BackPressure, message,
                            Map.of("buffered_bytes", held, "max_buffered_bytes", max));
                }
            }
            used += bytes;
        }

        private boolean take(long n) {
            while (true) {
                long current = inputBytes.get();
                if (current + n > max) {
                    return false;
                }
                if (inputBytes.compareAndSet(current, current + n)) {
                    reserved += n;
                    return true;
                }
            }
        }

        /** Estimated bytes charged so far. */
        public long used() {
            return used;
        }

        /** Hands the used bytes to the buffer (released when a step takes the request); frees the rest. */
        private long commit() {
            done = true;
            inputBytes.addAndGet(used - reserved);
            reserved = used;
            return used;
        }

        /** Releases everything not committed. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                inputBytes.addAndGet(-reserved);
                reserved = 0;
            }
        }
    }

    /** The number of record changes in a delta: a row of weight ±k counts k times. */
    static long records(ZSet delta) {
        long n = 0;
        for (int i = 0; i < delta.size(); i++) {
            n += Math.abs(delta.weightAt(i));
        }
        return n;
    }

    private void fail(PipelineError error) {
        failure = error;
        LOG.warn("Pipeline {} failed: {}", pipeline, error.message());
        subscribers.endAll(error);
        progress.wakeAll();
        settled.run();
    }
}
