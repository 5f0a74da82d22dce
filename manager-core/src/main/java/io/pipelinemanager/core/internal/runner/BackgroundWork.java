package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.internal.auditlog.AuditLog;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.store.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background loops of a manager instance — the compiler, the pipeline reconciler, the
 * renewal of the leases they hold and the pruning of the audit log — on their own daemon threads. Closing stops them, stops the local runners and releases their
 * leases, so another instance can take the pipelines over at once.
 */
public final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    /** How long a loop may go without starting a pass (beyond ten intervals) before it counts as stalled. */
    public static final Duration STALL = Duration.ofSeconds(60);

    /** How long closing waits for a pass in progress before interrupting it. */
    static final Duration PASS_WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "pm-background");
        t.setDaemon(true);
        return t;
    });
    private final Runners runners;
    private final Leases leases;
    private final Map<String, Long> lastPassStarted = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();

    /** Longest pause after failed passes of the compiler and the reconciler (the pause doubles from one interval). */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final OutOfMemoryPolicy outOfMemory;

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
        this(List.of(new Loop("compiler", compiler::runOnce, compilerInterval, MAX_BACKOFF),
                new Loop("reconciler", reconciler::runOnce, reconcileInterval, MAX_BACKOFF),
                new Loop("lease renewal", leases::renewHeld, leases.ttl().dividedBy(3), leases.ttl().dividedBy(3)),
                new Loop("audit pruning", auditLog::prune, AUDIT_PRUNE_INTERVAL, AUDIT_PRUNE_INTERVAL)),
                runners, leases, outOfMemory);
    }

    /**
     * Pause between prunings of the audit log (the first runs at start). Every instance prunes; the deletes are
     * idempotent, so instances need no lease for it.
     */
    public static final Duration AUDIT_PRUNE_INTERVAL = Duration.ofHours(1);

    /** Runs the given loops (the public constructor's four, or others in tests of the loop machinery). */
    BackgroundWork(List<Loop> loops, Runners runners, Leases leases, OutOfMemoryPolicy outOfMemory) {
        this.runners = runners;
        this.leases = leases;
        this.outOfMemory = outOfMemory;
        loops.forEach(this::schedule);
    }

    /** One background loop: its pass, the pause between passes and the longest pause after failures. */
    record Loop(String name, Runnable pass, Duration interval, Duration maxBackoff) {
    }

    private void schedule(Loop loop) {
        intervals.put(loop.name(), loop.interval());
        lastPassStarted.put(loop.name(), System.nanoTime());
        LoopState state = new LoopState(loop);
        // The task itself never throws: the executor silently cancels a periodic task that throws.
        loops.scheduleWithFixedDelay(state::tick, 0, loop.interval().toMillis(), TimeUnit.MILLISECONDS);
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

        void tick() {
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
                } else if (loops.isShutdown()) {
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
            if (loops.isShutdown() || now - started > limit) {
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
        loops.shutdown();
        try {
            if (!loops.awaitTermination(PASS_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("A background pass still runs {} after the shutdown began; interrupting it", PASS_WAIT);
                loops.shutdownNow();
                loops.awaitTermination(PASS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            loops.shutdownNow();
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
    }
}
