package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many more pipelines than step threads, through the facade: 40 durable pipelines share 3 step threads
 * ({@code pm.runner.step-threads}) of a host's executor, which runs 3 tasks in all, and every one of them restores,
 * steps and answers queries.
 */
class SharedStepThreadsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PIPELINES = 40;
    private static final int STEP_THREADS = 3;

    @TempDir
    Path checkpoints;
    private PipelineManager manager;
    /** The host's executor, counting the tasks it was given. */
    private final AtomicInteger tasks = new AtomicInteger();
    private final ExecutorService host = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
        host.shutdownNow();
    }

    @Test
    void morePipelinesThanStepThreadsAllStepAndAnswerQueries() throws Exception {
        manager = PipelineManager.builder().environment(Map.of()).property("pm.db.url", TestDatabases.h2Url())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .property("pm.checkpoint.directory", checkpoints.toString())
                .maxPipelines(PIPELINES).stepThreads(STEP_THREADS).executor(task -> {
                    tasks.incrementAndGet();
                    host.execute(task);
                }).build();
        manager.createProgram(T, new ProgramSpec("shop", "", EgressAndCapacityEndToEndTest.SQL));
        await().atMost(WAIT).until(() -> manager.getProgram(T, "shop").status() == ProgramStatus.SUCCESS);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < PIPELINES; i++) {
            String name = "p" + i;
            names.add(name);
            manager.createPipeline(T, new PipelineSpec(name, "", "shop", null));
            manager.startPipeline(T, name);
        }
        await().atMost(WAIT).until(() -> manager.listPipelines(T).stream()
                .filter(p -> p.status() == PipelineStatus.RUNNING).count() == PIPELINES);

        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < PIPELINES; i++) {
                ingest(names.get(i), "c" + i, round);
            }
            for (String name : names) {
                long expected = round;
                await().atMost(WAIT).until(() -> manager.pipelineStats(T, name).processedRecords() == expected);
            }
        }
        for (int i = 0; i < PIPELINES; i++) {
            assertThat(manager.query(T, names.get(i), "SELECT customer, n FROM totals").rows())
                    .as(names.get(i)).containsExactly(List.of("c" + i, 2L));
        }
        assertThat(tasks).hasValue(STEP_THREADS);
    }

    private void ingest(String pipeline, String customer, int id) throws Exception {
        String body = "{\"insert\": {\"id\": " + id + ", \"customer\": \"" + customer + "\", \"amount\": 1.50}}\n";
        manager.ingress(T, pipeline, "orders", DataFormat.JSON,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
