package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.internal.auditlog.AuditLog;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.store.Lease;
import io.pipelinemanager.core.internal.wakeup.Topic;
import io.pipelinemanager.core.internal.wakeup.WakeUp;
import io.pipelinemanager.core.internal.wakeup.Wakeups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The background loops of a manager instance — the compiler, the pipeline reconciler, the
 * renewal of the leases they hold and the pruning of the audit log — each on its own daemon thread. A loop passes
 * when its {@link WakeUp} signal is raised (the compiler and the reconciler: a change committed in this instance,
 * or announced by another one, see {@link Wakeups}) and at the latest one interval after its last pass, so the
 * intervals are the fallback when no signal comes. Closing stops them, stops the local runners and releases their
 * leases, so another instance can take the pipelines over at once.
 */
public final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    /** How long a loop may go without starting a pass (beyond ten intervals) before it counts as stalled. */
    public static final Duration STALL = Duration.ofSeconds(60);

    /** How long closing waits for a pass in progress before interrupting it. */
    static final Duration PASS_WAIT = Duration.ofSeconds(10);

    /** The loops' threads, one per loop. */
    private final List<Thread> threads = new ArrayList<>();
    /** The signal each loop waits on between passes (close raises them all). */
    private final List<WakeUp> signals = new ArrayList<>();
    private volatile boolean closing;
    private final Runners runners;
    private final Leases leases;
    private final Map<String, Long> lastPassStarted = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();

    /** Longest pause after failed passes of the compiler and the reconciler (the pause doubles from one interval). */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final OutOfMemoryPolicy outOfMemory;
    private final Wakeups wakeups;

    /**
     * Starts the loops. A pass that fails — with any {@link Throwable} — never ends its loop: the
     * error is logged once per distinct error (with its stack trace; repeats only at DEBUG), the loop
     * backs off (the compiler and the reconciler double their pause up to {@link #MAX_BACKOFF}; lease
     * renewal keeps its interval, as a longer pause would let its leases expire) and tries again. An
     * {@link OutOfMemoryError} also goes to {@code outOfMemory}.
     */
    public BackgroundWork(CompilerService compiler, Duration compilerInterval, Reconciler reconciler,
                          Duration reconcileInterval, Runners runners, Leases leases, OutOfMemoryPolicy outOfMemory,
                          AuditLog auditLog) {
        this(compiler, compilerInterval, reconciler, reconcileInterval, runners, leases, outOfMemory, auditLog,
                new Wakeups());
    }

    /**
     * Like the constructor above, with the compiler and the reconciler also woken by {@code wakeups} (their
     * intervals are then the fallback when no signal comes); closing announces the released pipeline leases to
     * the other instances through it.
     */
    public BackgroundWork(CompilerService compiler, Duration compilerInterval, Reconciler reconciler,
                          Duration reconcileInterval, Runners runners, Leases leases, OutOfMemoryPolicy outOfMemory,
                          AuditLog auditLog, Wakeups wakeups) {
        this(List.of(new Loop("compiler", compiler::runOnce, compilerInterval, MAX_BACKOFF,
                        wakeups.of(Topic.COMPILER)),
                new Loop("reconciler", reconciler::runOnce, reconcileInterval, MAX_BACKOFF,
                        wakeups.of(Topic.RECONCILER)),
                new Loop("lease renewal", leases::renewHeld, leases.ttl().dividedBy(3), leases.ttl().dividedBy(3)),
                new Loop("audit pruning", auditLog::prune, AUDIT_PRUNE_INTERVAL, AUDIT_PRUNE_INTERVAL)),
                runners, leases, outOfMemory, wakeups);
    }

    /**
     * Pause between prunings of the audit log (the first runs at start). Every instance prunes; the deletes are
     * idempotent, so instances need no lease for it.
     */
    public static final Duration AUDIT_PRUNE_INTERVAL = Duration.ofHours(1);

    /** Runs the given loops (the public constructor's four, or others in tests of the loop machinery). */
    BackgroundWork(List<Loop> loops, Runners runners, Leases leases, OutOfMemoryPolicy outOfMemory) {
        this(loops, runners, leases, outOfMemory, new Wakeups());
    }

    private BackgroundWork(List<Loop> loops, Runners runners, Leases leases, OutOfMemoryPolicy outOfMemory,
                           Wakeups wakeups) {
        this.runners = runners;
        this.leases = leases;
        this.outOfMemory = outOfMemory;
        this.wakeups = wakeups;
        loops.forEach(this::schedule);
        threads.forEach(Thread::start);
    }

    /**
     * One background loop: its pass, the pause between passes (at most: a signal of {@code wakeUp} starts the
     * next pass at once) and the longest pause after failures.
     */
    record Loop(String name, Runnable pass, Duration interval, Duration maxBackoff, WakeUp wakeUp) {

        /** A loop that only polls. */
        Loop(String name, Runnable pass, Duration interval, Duration maxBackoff) {
            this(name, pass, interval, maxBackoff, new WakeUp());
        }
    }

    private void schedule(Loop loop) {
        intervals.put(loop.name(), loop.interval());
        lastPassStarted.put(loop.name(), System.nanoTime());
        LoopState state = new LoopState(loop);
        signals.add(loop.wakeUp());
        Thread thread = new Thread(state::run, "pm-background-" + loop.name().replace(' ', '-'));
        thread.setDaemon(true);
        threads.add(thread);
    }

    /** The failure bookkeeping of one loop; only its own scheduled task touches it. */
    private final class LoopState {
        private final Loop loop;
        private final DistinctErrors logged = new DistinctErrors();
        private long failures;
        private long resumeAt;
        private boolean warned;

        LoopState(Loop loop) {
            this.loop = loop;
        }

        /**
         * Passes until closing: the signal's counter is read before each pass, so a signal raised during the pass
         * (however late) makes the wait after it return at once. After failures the next pass waits for the
         * back-off, signals or not.
         */
        void run() {
            WakeUp signal = loop.wakeUp();
            try {
                while (!closing) {
                    long seen = signal.generation();
                    tick();
                    long pause = loop.interval().toNanos();
                    if (failures > 0) {
                        long backoff = resumeAt - System.nanoTime();
                        if (backoff > 0) {
                            signal.await(signal.generation(), backoff);
                            continue;
                        }
                    }
                    signal.await(seen, pause);
                }
            } catch (InterruptedException e) {
                LOG.debug("The {} loop was interrupted while closing", loop.name());
            }
        }

        void tick() {
            if (closing) {
                return;
            }
            try {
                long now = System.nanoTime();
                if (failures > 0 && now - resumeAt < 0) {
                    return;
                }
                lastPassStarted.put(loop.name(), now);
                loop.pass().run();
                if (failures > 0) {
                    if (warned) {
                        LOG.info("The {} loop works again after {} failed passes", loop.name(), failures);
                    }
                    failures = 0;
                    warned = false;
                }
            } catch (Throwable t) {
                failed(t);
            }
        }

        private void failed(Throwable t) {
            try {
                failures++;
                long pause = Math.min(loop.maxBackoff().toNanos(),
                        loop.interval().toNanos() << Math.min(failures - 1, 20));
                resumeAt = System.nanoTime() + pause;
                if (t instanceof OutOfMemoryError oom) {
                    outOfMemory.outOfMemory("the " + loop.name() + " loop", oom);
                } else if (closing) {
                    LOG.debug("The {} pass ended by the shutdown: {}", loop.name(), t.toString());
                } else if (logged.firstTime(t)) {
                    warned = true;
                    LOG.warn("The {} pass failed; retrying with back-off (repeats of this error are logged at DEBUG)",
                            loop.name(), t);
                } else {
                    LOG.debug("The {} pass failed again ({} in a row): {}", loop.name(), failures, t.toString());
                }
            } catch (Throwable ignored) {
                // Logging itself failed (e.g. still short of memory): the loop goes on regardless.
            }
        }
    }

    /**
     * Loops that have not started a pass for longer than {@link #STALL} plus ten intervals — their
     * thread died or one pass hangs — with the seconds since their last start. Empty when healthy.
     */
    public Map<String, Long> stalledLoops() {
        Map<String, Long> stalled = new TreeMap<>();
        long now = System.nanoTime();
        lastPassStarted.forEach((name, started) -> {
            long limit = STALL.plus(intervals.get(name).multipliedBy(10)).toNanos();
            if (closing || now - started > limit) {
                stalled.put(name, TimeUnit.NANOSECONDS.toSeconds(now - started));
            }
        });
        return stalled;
    }

    /**
     * Stops the loops — a pass in progress may finish (interrupting it could close an embedded
     * database's files under it) — then the local pipelines, and releases their leases; the store
     * must still be open.
     */
    @Override
    public void close() {
        closing = true;
        signals.forEach(WakeUp::signal);
        long deadline = System.nanoTime() + PASS_WAIT.toNanos();
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            if (threads.stream().anyMatch(Thread::isAlive)) {
                LOG.warn("A background pass still runs {} after the shutdown began; interrupting it", PASS_WAIT);
                threads.forEach(Thread::interrupt);
                for (Thread thread : threads) {
                    thread.join(PASS_WAIT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
        List<PipelineId> local = runners.ids();
        int released = 0;
        for (PipelineId id : local) {
            runners.shutdown(id);
            try {
                leases.release(Lease.PIPELINE, id.value());
                released++;
            } catch (RuntimeException e) {
                LOG.warn("Could not release the lease of pipeline {}: {}", id, e.toString());
            }
        }
        if (!local.isEmpty()) {
            LOG.info("Stopped {} local pipelines ({} leases released)", local.size(), released);
        }
        if (released > 0) {
            // Other instances may take the pipelines over now rather than at their next poll.
            wakeups.changed(Topic.RECONCILER);
        }
    }
}
