package io.pipelinemanager.core.internal.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.testing.ManualClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A runner whose program uses NOW(): time passing without any input changes its views. */
class TemporalRunnerTest {

    private static final CompiledProgram PROGRAM = new SqlCompiler().compile("""
            CREATE TABLE t (id BIGINT, ts TIMESTAMP);
            CREATE MATERIALIZED VIEW recent AS SELECT id FROM t WHERE ts > NOW() - INTERVAL '1' HOUR;
            """).artifact();
    private static final LocalDateTime T0 = LocalDateTime.of(2025, 5, 1, 12, 0);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void timePassingWithoutIngressRemovesRowsFromTheView() {
        ManualClock clock = new ManualClock(T0);
        PipelineRunner runner = new PipelineRunner(PipelineId.random(), TenantId.DEFAULT, "p", PROGRAM,
                new PipelineConfig(1, 100, 0, 1_000), clock, Duration.ofMillis(20));
        runner.start(executor, true);
        ZSetBuilder b = new ZSetBuilder();
        b.add(Rows.of(1L, T0.minusMinutes(50)), 1);
        b.add(Rows.of(2L, T0.minusMinutes(10)), 1);
        runner.push("t", b.build(), 2);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> recent(runner).size() == 2);
        long steps = runner.stats().steps();
        clock.advance(Duration.ofMinutes(30));
        // no push: the runner's clock tick steps and row 1 (older than an hour now) leaves the view
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> recent(runner).size() == 1);
        assertThat(recent(runner).toMap()).containsOnlyKeys(Rows.of(2L));
        assertThat(runner.stats().steps()).isGreaterThan(steps);
        assertThat(runner.stats().processedRecords()).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> recent(runner).isEmpty());
        runner.stop();
    }

    @Test
    void aProgramWithoutNowDoesNotStepWithoutInput() throws Exception {
        CompiledProgram plain = new SqlCompiler().compile("CREATE TABLE t (x BIGINT); CREATE VIEW v AS SELECT x FROM t;")
                .artifact();
        PipelineRunner runner = new PipelineRunner(PipelineId.random(), TenantId.DEFAULT, "p", plain,
                new PipelineConfig(1, 100, 0, 1_000), new ManualClock(T0), Duration.ofMillis(1));
        runner.start(executor, true);
        ZSetBuilder b = new ZSetBuilder();
        b.add(Rows.of(1L), 1);
        runner.push("t", b.build(), 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().steps() == 1);
        // a step of a program that has no clock could only come from input: none arrives within 100 ticks
        Awaitility.await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                .until(() -> runner.stats().steps() == 1);
        runner.stop();
    }

    @Test
    void aStepOfTheClockAloneThatFailsAtRunTimeFailsThePipelineInsteadOfRetryingForEver() {
        // No request caused the failure, so there is nothing to set aside as a rejected batch: the pipeline fails.
        CompiledProgram program = new SqlCompiler().compile("""
                CREATE TABLE t (id BIGINT, ts TIMESTAMP);
                CREATE VIEW n AS SELECT COUNT(*) AS c FROM t WHERE ts > NOW() - INTERVAL '1' HOUR;
                CREATE MATERIALIZED VIEW q AS SELECT 10 / (c - 2) AS r FROM n;
                """).artifact();
        ManualClock clock = new ManualClock(T0);
        PipelineRunner runner = new PipelineRunner(PipelineId.random(), TenantId.DEFAULT, "p", program,
                new PipelineConfig(1, 100, 0, 1_000), clock, Duration.ofMillis(20));
        runner.start(executor, true);
        ZSetBuilder b = new ZSetBuilder();
        b.add(Rows.of(1L, T0.minusMinutes(50)), 1);
        b.add(Rows.of(2L, T0.minusMinutes(10)), 1);
        b.add(Rows.of(3L, T0.minusMinutes(5)), 1);
        runner.push("t", b.build(), 3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().processedRecords() == 3);
        assertThat(runner.failure()).isNull();
        clock.advance(Duration.ofMinutes(30)); // row 1 leaves: c = 2, 10 / 0 in a step without input
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runner.failure() != null);
        assertThat(runner.failure().message()).containsIgnoringCase("division by zero");
        runner.stop();
    }

    private static ZSet recent(PipelineRunner runner) {
        return runner.snapshots(Set.of("recent")).get("recent");
    }
}
