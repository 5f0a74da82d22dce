package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.wakeup.WakeUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loops of {@link BackgroundWork} survive any throwable of a pass, back off, and escalate running out of memory. */
class BackgroundWorkTest {

    private static final Duration FAST = Duration.ofMillis(5);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        executor.shutdownNow();
    }

    private BackgroundWork start(Runners runners, OutOfMemoryPolicy policy, BackgroundWork.Loop... loops) {
        BackgroundWork work = new BackgroundWork(List.of(loops), runners, null, policy);
        open.add(0, work);
        return work;
    }

    private static OutOfMemoryPolicy stopPipelines(Runners runners) {
        return new OutOfMemoryPolicy(io.pipelinemanager.core.api.OutOfMemoryAction.STOP_PIPELINES, runners, status -> {
            throw new AssertionError("must not halt");
        });
    }

    @Test
    void aLoopWhosePassThrowsErrorsKeepsRunning() {
        AtomicInteger passes = new AtomicInteger();
        Runners runners = new Runners();
        BackgroundWork work = start(runners, stopPipelines(runners), new BackgroundWork.Loop("flaky", () -> {
            int n = passes.incrementAndGet();
            switch (n % 4) {
                case 0 -> throw new StackOverflowError("deep");
                case 1 -> throw new AssertionError("broken invariant");
                case 2 -> throw new IllegalStateException("runtime");
                default -> { }
            }
        }, FAST, FAST));
        // Before the fix the first Error cancelled the periodic task: the count stopped at 1.
        await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 20);
        assertThat(work.stalledLoops()).isEmpty();
    }

    @Test
    void aLoopThatKeepsFailingBacksOff() {
        AtomicInteger passes = new AtomicInteger();
        Runners runners = new Runners();
        start(runners, stopPipelines(runners), new BackgroundWork.Loop("failing", () -> {
            passes.incrementAndGet();
            throw new IllegalStateException("always");
        }, Duration.ofMillis(10), Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
        // 10, 20, 40, ... ms pauses: without back-off a 10 ms loop would pass ~150 times in 1.5 s.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> passes.get() < 15);
    }

    @Test
    void everySignalMakesAPassEvenWhenRaisedDuringThePass() {
        // The interval is ten minutes: only the signals can make the passes this test waits for.
        WakeUp signal = new WakeUp();
        AtomicInteger published = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger(-1);
        Runners runners = new Runners();
        start(runners, stopPipelines(runners), new BackgroundWork.Loop("signalled", () -> seen.set(published.get()),
                Duration.ofMinutes(10), Duration.ofMinutes(10), signal));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() == 0);
        for (int i = 1; i <= 2000; i++) {
            published.set(i);
            signal.signal();
            int expected = i;
            // Signals race with passes in progress; a lost one would leave the loop asleep for ten minutes.
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> seen.get() == expected);
        }
    }

    @Test
    void aSignalDoesNotCutAFailingLoopsBackOffShort() {
        WakeUp signal = new WakeUp();
        AtomicInteger passes = new AtomicInteger();
        Runners runners = new Runners();
        start(runners, stopPipelines(runners), new BackgroundWork.Loop("failing", () -> {
            passes.incrementAndGet();
            throw new IllegalStateException("always");
        }, Duration.ofMinutes(10), Duration.ofMinutes(10), signal));
        await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 1);
        for (int i = 0; i < 50; i++) {
            signal.signal();
        }
        // The first failure pauses the loop for one interval (ten minutes), signals or not.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> passes.get() == 1);
    }

    @Test
    void outOfMemoryInALoopFailsLocalPipelinesAndMarksTheInstanceUnhealthy() {
        Runners runners = new Runners();
        CompiledProgram program = new SqlCompiler()
                .compile("CREATE TABLE t (x BIGINT); CREATE MATERIALIZED VIEW v AS SELECT x FROM t;").artifact();
        PipelineId id = new PipelineId(UUID.randomUUID());
        PipelineRunner runner = new PipelineRunner(id, TenantId.DEFAULT, "p", program, new PipelineConfig(1, 5, 10_000, 100));
        runners.put(id, runner);
        runner.start(executor, true);
        OutOfMemoryPolicy policy = stopPipelines(runners);
        AtomicInteger passes = new AtomicInteger();
        BackgroundWork work = start(runners, policy, new BackgroundWork.Loop("hungry", () -> {
            if (passes.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
        }, FAST, FAST));

        await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 5);
        assertThat(policy.recent()).hasValueSatisfying(s -> assertThat(s).contains("hungry"));
        assertThat(runner.failure()).isNotNull();
        assertThat(runner.failure().details()).containsEntry("reason", "OUT_OF_MEMORY");
        assertThat(work.stalledLoops()).isEmpty();
        runners.stopAll();
    }

    @Test
    void exitPolicyHaltsTheProcess() {
        Runners runners = new Runners();
        AtomicInteger halted = new AtomicInteger(-1);
        OutOfMemoryPolicy policy = new OutOfMemoryPolicy(io.pipelinemanager.core.api.OutOfMemoryAction.EXIT, runners, halted::set);
        start(runners, policy, new BackgroundWork.Loop("hungry", () -> {
            throw new OutOfMemoryError("Java heap space");
        }, FAST, FAST));
        await().atMost(Duration.ofSeconds(10)).until(() -> halted.get() == OutOfMemoryPolicy.EXIT_STATUS);
    }

    @Test
    void distinctErrorsAreReportedOnceEach() {
        DistinctErrors errors = new DistinctErrors();
        assertThat(errors.firstTime(thrown("db down"))).isTrue();
        assertThat(errors.firstTime(thrown("db down"))).as("same class, message and frame").isFalse();
        assertThat(errors.firstTime(new IllegalArgumentException("db down"))).isTrue();
        assertThat(errors.firstTime(thrown("other"))).isTrue();
    }

    private static RuntimeException thrown(String message) {
        return new IllegalStateException(message);
    }
}
