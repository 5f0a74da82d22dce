package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.OutOfMemoryAction;
import io.pipelinemanager.core.api.PipelineError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * What the manager does when one of its own threads — a background loop or a compilation — runs out
 * of memory ({@code pm.on-out-of-memory}). An {@link OutOfMemoryError} may have hit any thread at
 * that moment, so the manager neither ignores it nor limps on as a zombie:
 * <ul>
 *   <li>{@code stop-pipelines} (default): every pipeline running in this instance is failed — its
 *       runner stops and its state is released, the reconciler records {@code FAILED} with reason
 *       {@code OUT_OF_MEMORY}, and the pipeline stays failed until a client shuts it down and starts
 *       it again — and {@link io.pipelinemanager.core.PipelineManager#health()} reports the instance
 *       down (detail {@code out_of_memory}) for {@link #UNHEALTHY_FOR} after the last such error. The
 *       background loops keep running, so new programs compile and new pipelines start.</li>
 *   <li>{@code exit}: the process halts at once with status {@value #EXIT_STATUS} (like the JVM's
 *       {@code -XX:+ExitOnOutOfMemoryError}) for an orchestrator to restart it; the leases it held
 *       expire and another instance takes its pipelines over.</li>
 * </ul>
 */
public final class OutOfMemoryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryPolicy.class);

    /** How long health reports the instance down after it ran out of memory. */
    public static final Duration UNHEALTHY_FOR = Duration.ofSeconds(60);

    /** Exit status of the {@code exit} action (the JVM's own for {@code ExitOnOutOfMemoryError}). */
    public static final int EXIT_STATUS = 3;

    private final OutOfMemoryAction action;
    private final Runners runners;
    private final IntConsumer halt;
    private volatile long lastNanos;
    private volatile String last;

    /** {@code halt} ends the process (e.g. {@code Runtime.getRuntime()::halt}); only the {@code exit} action calls it. */
    public OutOfMemoryPolicy(OutOfMemoryAction action, Runners runners, IntConsumer halt) {
        this.action = action;
        this.runners = runners;
        this.halt = halt;
    }

    /** The configured action. */
    public OutOfMemoryAction action() {
        return action;
    }

    /** Reacts to an {@link OutOfMemoryError} caught in {@code where} (e.g. "the compiler loop"). Never throws. */
    public void outOfMemory(String where, OutOfMemoryError error) {
        lastNanos = System.nanoTime();
        last = "ran out of memory";
        try {
            last = "ran out of memory in " + where + " at " + Instant.now();
            if (action == OutOfMemoryAction.EXIT) {
                LOG.error("The manager ran out of memory in {}; halting the process (pm.on-out-of-memory=exit)", where,
                        error);
                halt.accept(EXIT_STATUS);
                return;
            }
            int failed = runners.failAll(new PipelineError(ErrorCode.RuntimeError,
                    "The manager ran out of memory (in " + where + "); the pipeline was stopped and its state "
                            + "released. Shut it down and start it again",
                    Map.of("reason", "OUT_OF_MEMORY")));
            last = last + "; " + failed + " local pipelines were failed";
            LOG.error("The manager ran out of memory in {}; failed {} local pipelines to release their memory "
                    + "(pm.on-out-of-memory=stop-pipelines)", where, failed, error);
        } catch (Throwable t) {
            // Still short of memory: the state above is recorded; nothing more can be done safely here.
        }
    }

    /** The last out-of-memory event if it happened less than {@link #UNHEALTHY_FOR} ago. */
    public Optional<String> recent() {
        String what = last;
        if (what == null || System.nanoTime() - lastNanos > UNHEALTHY_FOR.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(what);
    }
}
