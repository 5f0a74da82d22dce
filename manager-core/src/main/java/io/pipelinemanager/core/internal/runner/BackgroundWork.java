package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.store.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background loops of a manager instance — the compiler, the pipeline reconciler and the
 * renewal of the leases they hold — on their own daemon threads. Closing stops them, stops the local runners and releases their
 * leases, so another instance can take the pipelines over at once.
 */
public final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    /** How long a loop may go without starting a pass (beyond ten intervals) before it counts as stalled. */
    public static final Duration STALL = Duration.ofSeconds(60);

    private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(3, r -> {
        Thread t = new Thread(r, "pm-background");
        t.setDaemon(true);
        return t;
    });
    private final Runners runners;
    private final Leases leases;
    private final Map<String, Long> lastPassStarted = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();

    /** Starts both loops. */
    public BackgroundWork(CompilerService compiler, Duration compilerInterval, Reconciler reconciler,
                          Duration reconcileInterval, Runners runners, Leases leases) {
        this.runners = runners;
        this.leases = leases;
        schedule("compiler", compiler::runOnce, compilerInterval);
        schedule("reconciler", reconciler::runOnce, reconcileInterval);
        schedule("lease renewal", leases::renewHeld, leases.ttl().dividedBy(3));
    }

    private void schedule(String name, Runnable pass, Duration interval) {
        intervals.put(name, interval);
        lastPassStarted.put(name, System.nanoTime());
        loops.scheduleWithFixedDelay(() -> {
            lastPassStarted.put(name, System.nanoTime());
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.warn("The {} pass failed; retrying in {} ms: {}", name, interval.toMillis(), e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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

    @Override
    public void close() {
        loops.shutdownNow();
        try {
            loops.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runners.ids().forEach(id -> {
            runners.stop(id);
            try {
                leases.release(Lease.PIPELINE, id.value());
            } catch (RuntimeException e) {
                LOG.warn("Could not release the lease of pipeline {}: {}", id, e.toString());
            }
        });
    }
}
