package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.program.CompilePool;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.store.Lease;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.wakeup.Topic;
import io.pipelinemanager.core.internal.wakeup.Wakeups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Drives every active pipeline's actual status towards its desired status; the only writer of
 * {@code status}. Each pass claims (or renews) the lease of every pipeline it acts on, so on a
 * shared database exactly one instance runs a pipeline; a pipeline whose owner died is taken over
 * and re-provisioned: it resumes from its stored state (checkpoint and input journal, if its
 * {@code fault_tolerance} keeps them and the store is shared) or starts empty. Each transition is one targeted write of the status columns
 * only (status, its time, error, pinned program version), applied only if the pipeline is still in
 * the status it was read with; client-owned fields (name, description, configuration, desired
 * status) are never written here, so a concurrent client request is never undone.
 * It never claims a pipeline that would need a step loop beyond {@code maxPipelines} local runners
 * (a bound on memory: the runners share the workers of one {@link StepScheduler}): such a pipeline waits, not
 * RUNNING, for a free place.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** First pause before reconciling a pipeline again after a failure; doubled on each further failure. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    /** Longest pause between attempts to reconcile a failing pipeline. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Store store;
    private final Leases leases;
    private final CompilePool compiler;
    private final Runners runners;
    private final StepScheduler scheduler;
    private final Supplier<Instant> now;
    /** Where pipelines keep checkpoints and input journals; null: every pipeline's state is in memory only. */
    private final CheckpointStore states;
    private final Clock clock;
    private final Duration clockTick;
    private final Wakeups wakeups;
    // Only the reconciler's own loop thread touches these two.
    private final Map<PipelineId, PendingCompile> compiling = new HashMap<>();
    private final Map<PipelineId, Backoff> failing = new HashMap<>();
    private final int maxPipelines;
    /** Pipelines already logged as waiting for a free place, so each is logged once. */
    private final Set<PipelineId> waiting = ConcurrentHashMap.newKeySet();

    public Reconciler(Store store, Leases leases, CompilePool compiler, Runners runners, Executor executor,
                      Supplier<Instant> now, int maxPipelines) {
        this(store, leases, compiler, runners, executor, now, maxPipelines, null);
    }

    /**
     * A reconciler whose runners keep their state in {@code states} (checkpoints and input journals, after each
     * pipeline's {@code fault_tolerance}; null: in memory only).
     */
    public Reconciler(Store store, Leases leases, CompilePool compiler, Runners runners, Executor executor,
                      Supplier<Instant> now, int maxPipelines, CheckpointStore states) {
        this(store, leases, compiler, runners, executor, now, maxPipelines, states, Clock.systemUTC(),
                Duration.ofSeconds(1));
    }

    /**
     * A reconciler like the one above whose runners read {@code NOW()} from {@code clock} and step at least every
     * {@code clockTick} while their views use it.
     */
    public Reconciler(Store store, Leases leases, CompilePool compiler, Runners runners, Executor executor,
                      Supplier<Instant> now, int maxPipelines, CheckpointStore states, Clock clock, Duration clockTick) {
        this(store, leases, compiler, runners, new StepScheduler(executor, StepScheduler.workers(0)), now, maxPipelines,
                states, clock, clockTick, new Wakeups());
    }

    /**
     * A reconciler like the one above that raises its own wake-up signal in {@code wakeups} whenever a later pass
     * has something to do at once: after each status it wrote (the next transition may follow), when a
     * compilation it started finishes and when a runner finished loading its state or failed. Its runners' steps run
     * on {@code scheduler}'s workers.
     */
    public Reconciler(Store store, Leases leases, CompilePool compiler, Runners runners, StepScheduler scheduler,
                      Supplier<Instant> now, int maxPipelines, CheckpointStore states, Clock clock, Duration clockTick,
                      Wakeups wakeups) {
        this.wakeups = wakeups;
        this.states = states;
        this.clock = clock;
        this.clockTick = clockTick;
        this.maxPipelines = maxPipelines;
        this.store = store;
        this.leases = leases;
        this.compiler = compiler;
        this.runners = runners;
        this.scheduler = scheduler;
        this.now = now;
    }

    /** A pipeline's program being compiled on the compile pool, picked up by a later pass. */
    private record PendingCompile(long programVersion, Future<CompilationResult> result) {
    }

    /** The failures of one pipeline in a row: when to try it again, and which errors were logged. */
    private static final class Backoff {
        final DistinctErrors logged = new DistinctErrors();
        int failures;
        long retryAt;

        boolean due() {
            return System.nanoTime() - retryAt >= 0;
        }

        void failed() {
            failures++;
            long pause = Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(failures - 1, 20));
            retryAt = System.nanoTime() + pause;
        }
    }

    /**
     * One pass over all active pipelines; local runners of pipelines no longer ours are stopped. A
     * pipeline whose reconciliation fails is retried with an exponential back-off (up to
     * {@link #MAX_BACKOFF}) and its error logged once per distinct error, without holding up the others;
     * compilations run on the compile pool and are picked up by a later pass.
     */
    public void runOnce() {
        Set<UUID> mine = new HashSet<>();
        int places = maxPipelines - runners.size();
        for (Pipeline p : store.read(s -> s.activePipelines())) {
            boolean needsPlace = needsNewRunner(p);
            if (needsPlace && places <= 0) {
                if (waiting.add(p.id())) {
                    LOG.info("Pipeline {} waits: this instance already runs {} pipelines, pm.runner.max-pipelines",
                            p.name(), maxPipelines);
                }
                continue;
            }
            if (!leases.claim(Lease.PIPELINE, p.id().value())) {
                continue;
            }
            if (needsPlace) {
                places--;
                waiting.remove(p.id());
            }
            mine.add(p.id().value());
            Backoff backoff = failing.get(p.id());
            if (backoff != null && !backoff.due()) {
                continue;
            }
            try {
                reconcile(p);
                if (backoff != null) {
                    failing.remove(p.id());
                    LOG.info("Pipeline {} reconciles again after {} failed attempts", p.name(), backoff.failures);
                }
            } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
                Backoff b = failing.computeIfAbsent(p.id(), id -> new Backoff());
                b.failed();
                if (b.logged.firstTime(e)) {
                    LOG.warn("Reconciling pipeline {} failed; retrying with back-off (repeats of this error are "
                            + "logged at DEBUG)", p.name(), e);
                } else {
                    LOG.debug("Reconciling pipeline {} failed again ({} in a row): {}", p.name(), b.failures,
                            e.toString());
                }
            }
        }
        runners.retainOnly(mine);
        failing.keySet().removeIf(id -> !mine.contains(id.value()));
        compiling.entrySet().removeIf(e -> {
            boolean gone = !mine.contains(e.getKey().value());
            if (gone) {
                e.getValue().result().cancel(true);
            }
            return gone;
        });
    }

    /** Whether reconciling {@code p} here would start a step loop it does not have yet. */
    private boolean needsNewRunner(Pipeline p) {
        return runners.get(p.id()).isEmpty() && p.desiredStatus() != DesiredStatus.STOPPED
                && switch (p.status()) {
                    case STOPPED, PROVISIONING, INITIALIZING, RUNNING, PAUSED -> true;
                    case STOPPING, FAILED -> false;
                };
    }

    private void reconcile(Pipeline p) {
        Optional<PipelineRunner> runner = runners.get(p.id());
        boolean stop = p.desiredStatus() == DesiredStatus.STOPPED;
        switch (p.status()) {
            case STOPPED -> {
                if (!stop) {
                    Program program = store.read(s -> ProgramService.find(s, p.tenant(), p.programId().toString()));
                    move(p, PipelineStatus.PROVISIONING, program.version(), null);
                }
            }
            case PROVISIONING -> {
                if (stop) {
                    move(p, PipelineStatus.STOPPING, p.programVersion(), null);
                } else {
                    provision(p);
                }
            }
            case INITIALIZING -> {
                if (stop) {
                    move(p, PipelineStatus.STOPPING, p.programVersion(), null);
                } else {
                    initialize(p);
                }
            }
            case PAUSED, RUNNING -> running(p, runner.orElse(null), stop);
            case STOPPING -> {
                runners.stop(p.id());
                move(p, PipelineStatus.STOPPED, p.programVersion(), null);
                leases.release(Lease.PIPELINE, p.id().value());
            }
            case FAILED -> {
                runners.stop(p.id());
                if (stop) {
                    move(p, PipelineStatus.STOPPING, p.programVersion(), null);
                }
            }
        }
    }

    private void provision(Pipeline p) {
        Program program = store.read(s -> ProgramService.find(s, p.tenant(), p.programId().toString()));
        if (program.status() == ProgramStatus.SUCCESS) {
            move(p, PipelineStatus.INITIALIZING, program.version(), null);
        } else if (program.status() == ProgramStatus.SQL_ERROR || program.status() == ProgramStatus.SYSTEM_ERROR) {
            move(p, PipelineStatus.FAILED, program.version(), new PipelineError(ErrorCode.CannotStartWithCompilationError,
                    "Program '" + program.name() + "' version " + program.version() + " failed to compile ("
                            + program.status() + "); see the program's diagnostics",
                    Map.of("program", program.name(), "program_version", program.version(),
                            "diagnostics", program.diagnostics().stream().map(d -> d.range() + " " + d.code() + ": "
                                    + d.message()).toList())));
        }
    }

    private void initialize(Pipeline p) {
        Optional<PipelineRunner> loading = runners.get(p.id());
        if (loading.isPresent()) {
            started(p, loading.get());
            return;
        }
        Program program = store.read(s -> ProgramService.find(s, p.tenant(), p.programId().toString()));
        PendingCompile pending = compiling.get(p.id());
        if (pending == null || pending.programVersion() != program.version()) {
            if (pending != null) {
                pending.result().cancel(true);
            }
            CompletableFuture<CompilationResult> result = compiler.submit(program.code());
            if (!result.isDone()) {
                result.whenComplete((r, e) -> wakeups.signal(Topic.RECONCILER));
            }
            pending = new PendingCompile(program.version(), result);
            compiling.put(p.id(), pending);
        }
        if (!pending.result().isDone()) {
            return;
        }
        compiling.remove(p.id());
        CompilationResult compiled = finished(pending.result());
        if (!compiled.succeeded()) {
            move(p, PipelineStatus.FAILED, p.programVersion(), new PipelineError(ErrorCode.CannotStartWithCompilationError,
                    "Program '" + program.name() + "' no longer compiles (" + compiled.status() + ")",
                    Map.of("program", program.name())));
            return;
        }
        PipelineRunner runner = new PipelineRunner(p.id(), p.tenant(), p.name(), compiled.artifact(), p.config(), states,
                clock, clockTick);
        boolean run = p.desiredStatus() == DesiredStatus.RUNNING;
        runner.onSettled(() -> wakeups.signal(Topic.RECONCILER));
        runners.put(p.id(), runner);
        try {
            runner.start(scheduler, run);
        } catch (RejectedExecutionException e) {
            // The host's executor takes no tasks now (a container refuses them while it suspends to shut down), so
            // the scheduler has no worker loop.
            runners.abandon(p.id());
            LOG.info("Pipeline {} waits in {}: the executor refused the step worker loops ({}); retrying next pass",
                    p.name(), p.status(), e.getMessage());
            return;
        }
        started(p, runner);
    }

    /**
     * Moves an initializing pipeline on once its runner loaded its stored state (checkpoint and journal, in the first
     * turn of its step loop on a scheduler worker, not on the reconciler's thread): RUNNING or PAUSED, or FAILED with the
     * reason it could not resume ({@code CheckpointIncompatible}, {@code CorruptState}, ...). Until then it stays
     * INITIALIZING and the next pass looks again.
     */
    private void started(Pipeline p, PipelineRunner runner) {
        if (runner.failure() != null) {
            runners.abandon(p.id());
            move(p, PipelineStatus.FAILED, p.programVersion(), runner.failure());
            return;
        }
        if (!runner.ready()) {
            return;
        }
        boolean run = p.desiredStatus() == DesiredStatus.RUNNING;
        if (run) {
            runner.resume();
        } else {
            runner.pause();
        }
        PipelineStatus next = run ? PipelineStatus.RUNNING : PipelineStatus.PAUSED;
        if (move(p, next, p.programVersion(), null)) {
            runner.observe(next, p.desiredStatus());
        } else {
            runners.abandon(p.id());
        }
    }

    private static CompilationResult finished(Future<CompilationResult> done) {
        try {
            return done.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a finished compilation has no result", e);
        }
    }

    private void running(Pipeline p, PipelineRunner runner, boolean stop) {
        if (runner == null) {
            LOG.info("Pipeline {} is {} but not running here: re-provisioning it (it resumes from its stored state, "
                    + "if it keeps any)", p.name(), p.status());
            move(p, PipelineStatus.PROVISIONING, p.programVersion(), null);
        } else if (runner.failure() != null) {
            runners.stop(p.id());
            move(p, PipelineStatus.FAILED, p.programVersion(), runner.failure());
        } else if (stop) {
            if (move(p, PipelineStatus.STOPPING, p.programVersion(), null)) {
                runner.observe(PipelineStatus.STOPPING, p.desiredStatus());
            }
        } else if (p.desiredStatus() == DesiredStatus.RUNNING && p.status() == PipelineStatus.PAUSED) {
            runner.resume();
            if (move(p, PipelineStatus.RUNNING, p.programVersion(), null)) {
                runner.observe(PipelineStatus.RUNNING, p.desiredStatus());
            }
        } else if (p.desiredStatus() == DesiredStatus.PAUSED && p.status() == PipelineStatus.RUNNING) {
            runner.pause();
            if (move(p, PipelineStatus.PAUSED, p.programVersion(), null)) {
                runner.observe(PipelineStatus.PAUSED, p.desiredStatus());
            }
        } else {
            runner.observe(p.status(), p.desiredStatus());
        }
    }

    /** Writes the new status if the pipeline is still in the status it was read with; false otherwise. */
    private boolean move(Pipeline read, PipelineStatus next, Long programVersion, PipelineError error) {
        if (!read.status().canMoveTo(next)) {
            throw new IllegalStateException("illegal transition " + read.status() + " -> " + next);
        }
        boolean moved = store.write(s -> {
            if (!s.updatePipelineStatus(read.id(), read.status(), next, now.get(), programVersion,
                    next == PipelineStatus.FAILED ? error : null)) {
                return false;
            }
            LOG.info("Pipeline {}: {} -> {}", read.name(), read.status(), next);
            return true;
        });
        if (moved) {
            // The next transition may be possible at once (the write committed: store.write returned).
            wakeups.signal(Topic.RECONCILER);
        }
        return moved;
    }

    /** Ids of pipelines this instance runs (for tests and stats). */
    public List<PipelineId> localPipelines() {
        return runners.ids();
    }
}
