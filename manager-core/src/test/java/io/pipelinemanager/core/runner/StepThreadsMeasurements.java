package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;

/**
 * Measures what idle pipelines cost in threads and what one busy pipeline's steps cost in latency, through the
 * facade (not a test: numbers vary with the machine). Starts {@code idle} durable pipelines (default 200,
 * {@code exactly_once} with checkpoints every {@code interval} seconds, default 60) and prints the JVM's live threads
 * before, once they run, and {@code interval} + 15 s later (after their first checkpoints); then pushes one row at a time into one more pipeline (no batching delay, no journal) while the
 * others idle, waiting for the step that applied each push, and prints the latency percentiles. Run with
 * {@code mvn -pl manager-core -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pipelinemanager.core.runner.StepThreadsMeasurements [-Dexec.args="200 20000 60"]}.
 */
public final class StepThreadsMeasurements {

    private static final Caller T = Caller.unauthenticated();
    private static final String SQL = """
            CREATE TABLE t (id BIGINT NOT NULL, amount DOUBLE);
            CREATE MATERIALIZED VIEW big AS SELECT id, amount FROM t WHERE amount > 50;
            """;

    private StepThreadsMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        int idle = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int pushes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int interval = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path checkpoints = Files.createTempDirectory("pm-step-threads");
        try (PipelineManager manager = PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", TestDatabases.h2Url())
                .property("pm.checkpoint.directory", checkpoints.toString())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .property("pm.runner.max-pipelines", String.valueOf(idle + 1))
                .build()) {
            manager.createProgram(T, new ProgramSpec("m", "", SQL));
            await(() -> manager.getProgram(T, "m"), p -> p.status() == ProgramStatus.SUCCESS);
            int before = threads.getThreadCount();
            PipelineConfig durable = PipelineConfig.DEFAULT.withCheckpointIntervalSecs(interval);
            long starting = System.nanoTime();
            for (int i = 0; i < idle; i++) {
                manager.createPipeline(T, new PipelineSpec("idle" + i, "", "m", durable));
                manager.startPipeline(T, "idle" + i);
            }
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> manager
                    .listPipelines(T).stream().filter(p -> p.status() == PipelineStatus.RUNNING).count() == idle);
            long startMillis = (System.nanoTime() - starting) / 1_000_000;
            int running = threads.getThreadCount();
            Thread.sleep((interval + 15) * 1000L); // every idle pipeline writes its first checkpoint after an interval
            int later = threads.getThreadCount();
            System.out.printf("threads: %d before, %d with %d idle pipelines RUNNING (all started in %d ms), %d after "
                            + "their first checkpoints (peak %d, %d processors)%n", before, running, idle, startMillis,
                    later, threads.getPeakThreadCount(), Runtime.getRuntime().availableProcessors());

            manager.createPipeline(T, new PipelineSpec("busy", "", "m",
                    new PipelineConfig(1, 10_000, 0, 1_000_000).withFaultTolerance(FaultTolerance.NONE)));
            manager.startPipeline(T, "busy");
            await(() -> manager.getPipeline(T, "busy"), p -> p.status() == PipelineStatus.RUNNING);
            latency(manager, pushes / 10, 0); // warm-up
            long[] micros = latency(manager, pushes, pushes);
            Arrays.sort(micros);
            System.out.printf("push -> applied step, %d pushes of one row beside %d idle pipelines: p50 %d us, "
                            + "p90 %d us, p99 %d us, mean %.1f us%n", pushes, idle, at(micros, 0.50), at(micros, 0.90),
                    at(micros, 0.99), Arrays.stream(micros).average().orElse(0));
        }
        System.exit(0);
    }

    private static long[] latency(PipelineManager manager, int pushes, long firstId) throws Exception {
        long[] micros = new long[pushes];
        for (int i = 0; i < pushes; i++) {
            long started = System.nanoTime();
            PushResult push = manager.insert(T, "busy", "t", List.of(Map.of("id", firstId + i, "amount", 60.0)));
            manager.awaitApplied(T, "busy", push, Duration.ofSeconds(10));
            micros[i] = (System.nanoTime() - started) / 1_000;
        }
        return micros;
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
