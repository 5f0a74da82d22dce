package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Batching and buffering rules of one runner, without the store or the reconciler. */
class PipelineRunnerTest {

    private static final CompiledProgram PROGRAM = new SqlCompiler()
            .compile("CREATE TABLE t (x BIGINT); CREATE MATERIALIZED VIEW v AS SELECT x FROM t;")
            .artifact();

    private static final PipelineId ID = PipelineId.random();
    private static final TenantId T = TenantId.DEFAULT;
    private static final EgressLimits EGRESS = new EgressLimits(1024, 4 << 20, 256, 1024, Duration.ofSeconds(5));

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void stepsTakeWholeRequestsUpToTheBatchSize() throws Exception {
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 5, 10_000, 100));
        runner.start(executor, false);
        for (int r = 0; r < 3; r++) {
            runner.push("t", rows(r * 4, 4), 4);
        }
        runner.push("t", rows(100, 12), 12);
        assertThat(runner.stats().bufferedRecords()).isEqualTo(24);
        runner.resume();
        awaitProcessed(runner, 24);
        // 4 | 4 | 4 | 12: no two requests fit in 5 records, and the large one is not split.
        assertThat(runner.stats().steps()).isEqualTo(4);
        assertThat(runner.snapshots(java.util.Set.of("v")).get("v").size()).isEqualTo(24);
        runner.stop();
    }

    @Test
    void fullBufferRefusesWholeRequests() {
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 5, 0, 10));
        runner.start(executor, false);
        runner.push("t", rows(0, 8), 8);
        assertThatThrownBy(() -> runner.push("t", rows(8, 3), 3)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure));
        runner.push("t", rows(8, 2), 2);
        assertThat(runner.stats().bufferedRecords()).isEqualTo(10);
        runner.stop();
        assertThatThrownBy(() -> runner.push("t", rows(20, 1), 1)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PipelineNotRunning));
    }

    @Test
    void runnersSharingOneStepThreadEachStepInOrderAndAStopNeedsNoFreeThread() throws Exception {
        StepScheduler shared = new StepScheduler(executor, 1);
        List<PipelineRunner> runners = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PipelineRunner runner = new PipelineRunner(PipelineId.random(), T, "p" + i, PROGRAM,
                    new PipelineConfig(1, 3, 0, 10_000));
            runner.start(shared, true);
            runners.add(runner);
        }
        List<Long> sequences = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            for (PipelineRunner runner : runners) {
                sequences.add(runner.push("t", rows(r * 3L, 3), 3));
            }
        }
        for (int i = 0; i < runners.size(); i++) {
            PipelineRunner runner = runners.get(i);
            long last = sequences.get(sequences.size() - runners.size() + i);
            assertThat(runner.awaitApplied(last, Duration.ofSeconds(10))).isEqualTo(10); // one step per push, in order
            assertThat(runner.snapshots(java.util.Set.of("v")).get("v").size()).isEqualTo(30);
        }
        // A parked pipeline stops at once, even while the only step thread is elsewhere.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        shared.register(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StepScheduler.DONE;
        }).signal();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        runners.forEach(PipelineRunner::stop);
        assertThat(shared.tasks()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> shared.tasks() == 0);
        shared.close();
    }

    @Test
    void subscriptionsRacingAStopAlwaysEnd() throws Exception {
        ZSet contents = rows(0, 20_000);
        for (int i = 0; i < 200; i++) {
            PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 100_000, 0, 100_000));
            runner.start(executor, true);
            runner.push("t", contents, contents.size());
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().processedRecords() == contents.size());
            CountDownLatch go = new CountDownLatch(1);
            // The snapshot makes registration slow, widening the window in which the stop can overtake it.
            Future<Subscription> subscribed = executor.submit(() -> {
                go.await();
                return runner.subscribe("v", true, EGRESS);
            });
            Future<?> stopped = executor.submit(() -> {
                go.await();
                runner.stop();
                return null;
            });
            go.countDown();
            stopped.get(30, TimeUnit.SECONDS);
            Subscription subscription;
            try {
                subscription = subscribed.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(ManagerException.class,
                        m -> assertThat(m.code()).isEqualTo(ErrorCode.PipelineNotRunning));
                continue;
            }
            assertThat(endOf(subscription, Duration.ofSeconds(5))).as("iteration %d: the stream ended", i).isNotNull();
        }
    }

    @Test
    void aSubscriberThatNeverReadsIsDisconnectedAtItsByteBound() throws Exception {
        long maxBytes = 64 * 1024;
        EgressLimits limits = new EgressLimits(1024, maxBytes, 256, 1024, Duration.ofSeconds(5));
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 1_000, 0, 100_000));
        runner.start(executor, true);
        Subscription subscription = runner.subscribe("v", false, limits);
        // Each step inserts 1,000 rows, about 44 KB as NDJSON: the second unread step crosses 64 KB.
        for (int r = 0; r < 20; r++) {
            runner.push("t", rows(r * 1_000L, 1_000), 1_000);
            long processed = (r + 1) * 1_000L;
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().processedRecords() == processed);
            assertThat(subscription.queuedBytes()).isLessThanOrEqualTo(maxBytes);
        }
        ChangeEvent first = subscription.poll(0, TimeUnit.SECONDS);
        assertThat(first).isInstanceOfSatisfying(ChangeEvent.End.class, end -> {
            assertThat(end.error().code()).isEqualTo(ErrorCode.BackPressure);
            assertThat(end.error().details()).containsEntry("max_queue_bytes", maxBytes);
        });
        assertThat(runner.subscriptions()).isZero();
        runner.stop();
    }

    @Test
    void aShutdownEndsStreamsWithShuttingDownAndAStopEndsThemCleanly() throws Exception {
        PipelineRunner stopped = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 100, 0, 1_000));
        stopped.start(executor, true);
        Subscription clean = stopped.subscribe("v", false, EGRESS);
        stopped.stop();
        assertThat(endOf(clean, Duration.ofSeconds(5))).isInstanceOfSatisfying(ChangeEvent.End.class,
                end -> assertThat(end.error()).isNull());

        PipelineRunner shutDown = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 100, 0, 1_000));
        shutDown.start(executor, true);
        Subscription cut = shutDown.subscribe("v", false, EGRESS);
        shutDown.shutdown();
        assertThat(endOf(cut, Duration.ofSeconds(5))).isInstanceOfSatisfying(ChangeEvent.End.class,
                end -> assertThat(end.error().code()).isEqualTo(ErrorCode.ShuttingDown));
    }

    @Test
    void aPipelineServesAtMostItsMaximumOfSubscriptions() {
        EgressLimits two = new EgressLimits(1024, 4 << 20, 2, 1024, Duration.ofSeconds(5));
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 100, 0, 1_000));
        runner.start(executor, true);
        Subscription a = runner.subscribe("v", false, two);
        runner.subscribe("v", true, two);
        assertThatThrownBy(() -> runner.subscribe("v", false, two)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure));
        a.close();
        assertThat(runner.subscriptions()).isEqualTo(1);
        runner.subscribe("v", false, two);
        assertThat(runner.subscriptions()).isEqualTo(2);
        runner.stop();
        assertThat(runner.subscriptions()).isZero();
    }

    @Test
    void aListenerIsToldOfEachStepWithoutAThreadWaiting() throws Exception {
        PipelineRunner runner = new PipelineRunner(ID, T, "p", PROGRAM, new PipelineConfig(1, 100, 0, 1_000));
        runner.start(executor, true);
        Subscription subscription = runner.subscribe("v", false, EGRESS);
        AtomicInteger signals = new AtomicInteger();
        subscription.onAvailable(signals::incrementAndGet);
        assertThat(signals).hasValue(0);
        runner.push("t", rows(0, 3), 3);
        await().atMost(Duration.ofSeconds(10)).untilAtomic(signals, org.hamcrest.Matchers.equalTo(1));
        assertThat(subscription.poll(0, TimeUnit.SECONDS)).isInstanceOfSatisfying(ChangeEvent.Changes.class,
                c -> assertThat(c.delta().size()).isEqualTo(3));
        assertThat(subscription.poll(0, TimeUnit.SECONDS)).isNull();
        runner.stop();
        await().atMost(Duration.ofSeconds(10)).untilAtomic(signals, org.hamcrest.Matchers.equalTo(2));
        assertThat(subscription.poll(0, TimeUnit.SECONDS)).isInstanceOf(ChangeEvent.End.class);
    }

    /** The end event of a subscription, skipping changes, or null if it does not end within {@code limit}. */
    private static ChangeEvent.End endOf(Subscription subscription, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            ChangeEvent event = subscription.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event instanceof ChangeEvent.End end) {
                return end;
            }
        }
        return null;
    }

    private static ZSet rows(long first, int n) {
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < n; i++) {
            b.add(Rows.of(first + i), 1);
        }
        return b.build();
    }

    private static void awaitProcessed(PipelineRunner runner, long records) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().processedRecords() >= records);
    }
}
