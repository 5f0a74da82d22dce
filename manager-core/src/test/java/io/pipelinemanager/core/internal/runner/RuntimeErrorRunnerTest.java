package io.pipelinemanager.core.internal.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step whose evaluation fails: with {@code reject_batch} the failing request is set aside and the step's other
 * requests are applied; with {@code fail} the pipeline fails as before. Either way nothing of the failed step shows.
 */
class RuntimeErrorRunnerTest {

    private static final CompiledProgram PROGRAM = new SqlCompiler().compile("""
            CREATE TABLE t (id BIGINT NOT NULL, a BIGINT, b BIGINT);
            CREATE MATERIALIZED VIEW q AS SELECT id, a / b AS r FROM t;
            CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS c, SUM(a) AS s FROM t;
            """).artifact();
    private static final PipelineId ID = PipelineId.random();
    private static final TenantId T = TenantId.DEFAULT;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aStepOfFiveRequestsWithOneFailingAppliesFourAndRejectsOne() throws Exception {
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 1_000, 0, 10_000));
        runner.start(executor, false);
        List<Long> sequences = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            // Request 2 holds a row dividing by zero among good ones.
            ZSet rows = r == 2 ? z(row(20, 7, 1), row(21, 5, 0), row(22, 1, 1)) : z(row(r, 10, 2), row(10 + r, 4, 4));
            sequences.add(runner.push("t", rows, rows.size()));
        }
        Subscription subscription = runner.subscribe("q", false, new EgressLimits(1024, 4 << 20, 256, 1024, Duration.ofSeconds(5)));
        runner.resume(); // the five requests are taken by one step, which fails, then applied one by one
        for (int r = 0; r < 5; r++) {
            long sequence = sequences.get(r);
            if (r == 2) {
                assertThatThrownBy(() -> runner.awaitApplied(sequence, WAIT)).isInstanceOfSatisfying(ManagerException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.BatchRejected);
                            assertThat(e.details()).containsEntry("rejected_batch", 1L);
                        });
            } else {
                assertThat(runner.awaitApplied(sequence, WAIT)).isPositive();
            }
        }
        assertThat(runner.snapshots(Set.of("t")).get("t").size()).isEqualTo(8);
        assertThat(runner.snapshots(Set.of("n")).get("n").toMap()).isEqualTo(Map.of(row(8, 56), 1L));
        RunnerStats stats = runner.stats();
        assertThat(stats.steps()).as("one step per applied request").isEqualTo(4);
        assertThat(stats.rejectedBatches()).isEqualTo(1);
        assertThat(stats.rejectedRecords()).isEqualTo(3);
        assertThat(stats.processedRecords()).isEqualTo(8);
        assertThat(runner.failure()).isNull();

        List<RejectedBatch> rejected = runner.rejectedBatches();
        assertThat(rejected).hasSize(1);
        RejectedBatch batch = rejected.get(0);
        assertThat(batch.number()).isEqualTo(1);
        assertThat(batch.sequence()).isEqualTo(sequences.get(2));
        assertThat(batch.table()).isEqualTo("t");
        assertThat(batch.records()).isEqualTo(3);
        assertThat(batch.errorCode()).isEqualTo("DIVISION_BY_ZERO");
        assertThat(batch.operator()).isEqualTo("MAP");
        assertThat(batch.views()).containsExactly("q");
        assertThat(batch.failingRow()).containsExactly("21", "5", "0");
        assertThat(batch.step()).isEqualTo(2);
        assertThat(runner.rejectedBatch(1).changes().toZSet().toMap())
                .isEqualTo(z(row(20, 7, 1), row(21, 5, 0), row(22, 1, 1)).toMap());
        assertThatThrownBy(() -> runner.rejectedBatch(2)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UnknownRejectedBatch));

        // Subscribers saw the four steps and nothing of the rejected request.
        ZSetBuilder seen = new ZSetBuilder();
        for (int i = 0; i < 4; i++) {
            ChangeEvent event = subscription.poll(WAIT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            seen.addAll(((ChangeEvent.Changes) event).delta(), 1);
        }
        assertThat(seen.build().toMap()).isEqualTo(runner.snapshots(Set.of("q")).get("q").toMap());
        assertThat(seen.build().toMap()).doesNotContainKey(row(20, 7));

        // The pipeline keeps running on the state before the failed step.
        long next = runner.push("t", z(row(30, 9, 3)), 1);
        assertThat(runner.awaitApplied(next, WAIT)).isEqualTo(5);
        assertThat(runner.snapshots(Set.of("n")).get("n").toMap()).isEqualTo(Map.of(row(9, 65), 1L));
        runner.stop();
    }

    @Test
    void aFailingRequestAloneInItsStepIsRejectedWithoutAStep() throws Exception {
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 1_000, 0, 10_000));
        runner.start(executor, true);
        long good = runner.push("t", z(row(1, 4, 2)), 1);
        assertThat(runner.awaitApplied(good, WAIT)).isEqualTo(1);
        long bad = runner.push("t", z(row(2, 4, 0)), 1);
        assertThatThrownBy(() -> runner.awaitApplied(bad, WAIT)).isInstanceOf(ManagerException.class);
        assertThat(runner.stats().steps()).isEqualTo(1);
        assertThat(runner.rejectedBatches()).extracting(RejectedBatch::step).containsExactly(1L);
        runner.stop();
    }

    @Test
    void rejectedBatchesAreBoundedByCountAndBytesDroppingTheOldest() {
        RejectedBatches kept = new RejectedBatches(3, 10_000);
        for (int i = 1; i <= 5; i++) {
            kept.add(batch(i), TableChanges.of(z(row(i, 1, 0))));
        }
        assertThat(kept.list()).extracting(RejectedBatch::number).containsExactly(3L, 4L, 5L);
        assertThat(kept.count()).isEqualTo(5);
        assertThat(kept.dropped()).isEqualTo(2);
        assertThatThrownBy(() -> kept.get("p", 1)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.getMessage()).contains("dropped"));

        long oneBatch = ChangeSizes.estimate(z(row(1, 1, 0)));
        RejectedBatches small = new RejectedBatches(100, oneBatch * 2);
        for (int i = 1; i <= 4; i++) {
            small.add(batch(i), TableChanges.of(z(row(i, 1, 0))));
        }
        assertThat(small.list()).extracting(RejectedBatch::number).containsExactly(3L, 4L);
        assertThat(small.dropped()).isEqualTo(2);
    }

    @Test
    void withOnRuntimeErrorFailThePipelineFailsAsBefore() {
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM,
                new PipelineConfig(1, 1_000, 0, 10_000, OnRuntimeError.FAIL));
        runner.start(executor, false);
        runner.push("t", z(row(1, 4, 2)), 1);
        runner.push("t", z(row(2, 4, 0)), 1);
        runner.resume();
        await().atMost(WAIT).until(() -> runner.failure() != null);
        assertThat(runner.failure().code()).isEqualTo(ErrorCode.RuntimeError);
        assertThat(runner.failure().details()).containsEntry("reason", "DIVISION_BY_ZERO").containsEntry("operator", "MAP");
        assertThat(runner.rejectedBatches()).isEmpty();
        runner.stop();
    }

    @Test
    void aViewFailingOnlyOverTheEmptyTablesDoesNotFailThePipeline() throws Exception {
        CompiledProgram program = new SqlCompiler().compile("""
                CREATE TABLE t (id BIGINT NOT NULL, a BIGINT, b BIGINT);
                CREATE MATERIALIZED VIEW q AS SELECT 45 / - COUNT(*) AS r FROM t;
                CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS c FROM t;
                """).artifact();
        PipelineRunner runner = new PipelineRunner(ID, T, "p", program, new PipelineConfig(1, 1_000, 0, 10_000));
        assertThat(runner.failure()).isNull();
        runner.start(executor, true);
        Subscription subscription = runner.subscribe("q", false, new EgressLimits(1024, 4 << 20, 256, 1024, Duration.ofSeconds(5)));
        long first = runner.push("t", z(row(1, 1, 1), row(2, 2, 2), row(3, 3, 3)), 3);
        assertThat(runner.awaitApplied(first, WAIT)).isEqualTo(1);
        assertThat(runner.snapshots(Set.of("q")).get("q").toMap()).isEqualTo(Map.of(row(-15), 1L));
        assertThat(runner.snapshots(Set.of("n")).get("n").toMap()).isEqualTo(Map.of(row(3), 1L));
        ChangeEvent event = subscription.poll(WAIT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        assertThat(((ChangeEvent.Changes) event).delta().toMap()).isEqualTo(Map.of(row(-15), 1L));
        // Deleting every row makes the final state fail (COUNT(*) = 0): a rejected batch, the pipeline runs on.
        ZSet all = z(row(1, 1, 1), row(2, 2, 2), row(3, 3, 3));
        long emptying = runner.push("t", all.negate(), 3);
        assertThatThrownBy(() -> runner.awaitApplied(emptying, WAIT)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BatchRejected));
        assertThat(runner.failure()).isNull();
        assertThat(runner.snapshots(Set.of("q")).get("q").toMap()).isEqualTo(Map.of(row(-15), 1L));
        runner.stop();
    }

    @Test
    void aViewFailingOverTheEmptyTablesWithoutReadingThemStillFailsThePipelineAtStart() {
        CompiledProgram program = new SqlCompiler().compile("""
                CREATE TABLE t (id BIGINT NOT NULL);
                CREATE MATERIALIZED VIEW q AS SELECT 1 / 0 AS r;
                """).artifact();
        PipelineRunner runner = new PipelineRunner(ID, T, "p", program, new PipelineConfig(1, 1_000, 0, 10_000));
        assertThat(runner.failure()).isNotNull();
        assertThat(runner.failure().details()).containsEntry("reason", "DIVISION_BY_ZERO");
    }

    private static RejectedBatch batch(long number) {
        return new RejectedBatch(number, java.time.Instant.now(), 0, number, "t", 1, "DIVISION_BY_ZERO", "division by zero",
                "MAP", List.of("q"), null);
    }

    private static Row row(long... values) {
        Object[] v = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = values[i];
        }
        return Rows.of(v);
    }

    private static ZSet z(Row... rows) {
        return ZSet.ofRows(rows);
    }
}
