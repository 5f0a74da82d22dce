package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;

/**
 * Measures the runner through the facade (not a test: numbers vary with the machine). Prints
 * (1) ingest throughput into a 3-column table in records/s, ingress call to processed step, and
 * (2) end-to-end latency of a 100-row batch, from the ingress call to its changes being written by
 * a view subscriber, as percentiles over many batches. Run with
 * {@code mvn -pl manager-core -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pipelinemanager.core.runner.RunnerMeasurements}.
 */
public final class RunnerMeasurements {

    private static final Caller T = Caller.unauthenticated();
    private static final String SQL = """
            CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR, amount DOUBLE);
            CREATE VIEW big AS SELECT id, amount FROM t WHERE amount > 50;
            """;

    private RunnerMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        try (PipelineManager manager = PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", TestDatabases.h2Url())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .build()) {
            manager.createProgram(T, new ProgramSpec("m", "", SQL));
            await(() -> manager.getProgram(T, "m"), p -> p.status() == ProgramStatus.SUCCESS);
            throughput(manager);
            latency(manager);
        }
        System.exit(0);
    }

    private static void throughput(PipelineManager manager) throws Exception {
        start(manager, "tp", new PipelineConfig(1, 100_000, 10, 10_000_000));
        int requests = 40;
        int perRequest = 50_000;
        for (int warm = 0; warm < 2; warm++) {
            run(manager, requests / 4, perRequest, warm * 10_000_000L);
        }
        long before = manager.pipelineStats(T, "tp").processedRecords();
        long started = System.nanoTime();
        run(manager, requests, perRequest, 100_000_000L);
        long total = (long) requests * perRequest;
        await(() -> manager.pipelineStats(T, "tp"), s -> s.processedRecords() >= before + total);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ingest throughput: %d records (CSV, 3 columns, %d per request) in %.2f s = %.0f records/s%n",
                total, perRequest, seconds, total / seconds);
    }

    private static void run(PipelineManager manager, int requests, int perRequest, long firstId) throws Exception {
        for (int r = 0; r < requests; r++) {
            StringBuilder csv = new StringBuilder(perRequest * 24);
            for (int i = 0; i < perRequest; i++) {
                long id = firstId + (long) r * perRequest + i;
                csv.append(id).append(",n").append(id % 1000).append(',').append(id % 100).append(".5\n");
            }
            manager.ingress(T, "tp", "t", DataFormat.CSV, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void latency(PipelineManager manager) throws Exception {
        start(manager, "lat", new PipelineConfig(1, 100, 0, 1_000_000));
        int batches = 600;
        long[] micros = new long[batches];
        try (ChangeStream big = manager.subscribe(T, "lat", "big", false)) {
            OutputStream sink = OutputStream.nullOutputStream();
            for (int b = 0; b < batches; b++) {
                StringBuilder csv = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    long id = (long) b * 100 + i;
                    csv.append(id).append(",n,").append(60 + i % 10).append('\n');
                }
                byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
                long started = System.nanoTime();
                manager.ingress(T, "lat", "t", DataFormat.CSV, new ByteArrayInputStream(body));
                if (big.writeNext(sink, Duration.ofSeconds(10)) != ChangeStream.Poll.CHANGES) {
                    throw new IllegalStateException("no changes for batch " + b);
                }
                micros[b] = (System.nanoTime() - started) / 1000;
            }
        }
        long[] measured = Arrays.copyOfRange(micros, 100, batches);
        Arrays.sort(measured);
        System.out.printf("100-row batch, ingress call to subscriber output (after 100 warm-up batches, n=%d): "
                        + "p50 %d us, p90 %d us, p99 %d us; last step alone %d us%n", measured.length,
                measured[measured.length / 2], measured[measured.length * 9 / 10], measured[measured.length * 99 / 100],
                manager.pipelineStats(T, "lat").lastStepLatencyMicros());
    }

    private static void start(PipelineManager manager, String name, PipelineConfig config) {
        manager.createPipeline(T, new PipelineSpec(name, "", "m", config));
        manager.startPipeline(T, name);
        await(() -> manager.getPipeline(T, name), p -> p.status() == PipelineStatus.RUNNING);
    }
}
