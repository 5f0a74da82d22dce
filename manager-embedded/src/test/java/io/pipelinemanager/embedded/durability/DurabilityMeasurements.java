package io.pipelinemanager.embedded.durability;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Measures what durability costs (not a test: the numbers depend on the machine), against the packaged jar running
 * as a child JVM over HTTP, as an operator runs it:
 * <ol>
 *   <li>ingress throughput (records/s, ingress call to processed by a step) of two pipelines of one program, one
 *       with {@code fault_tolerance} {@code none} and one with {@code exactly_once}, in the same run, rounds
 *       interleaved (ABBA) so that load on the machine hits both alike: large requests from one client and small
 *       requests from four concurrent clients;</li>
 *   <li>checkpoint pause (how long steps stood still for the capture), duration (capture to durable) and size, for a
 *       pipeline holding 1 M rows;</li>
 *   <li>recovery of that pipeline after {@code kill -9}: process start to RUNNING with its state restored, from a
 *       checkpoint alone and from a checkpoint plus a journal tail.</li>
 * </ol>
 * Run from the repository root (builds the jar, then measures; about 5 minutes on 2 cores):
 * <pre>
 * mvn -B -pl manager-embedded -am verify -DskipTests -DskipITs -Pdurability-measurements
 * </pre>
 * Options ({@code -Dpm.measure.*} on that command line): {@code rows} (default 1000000), {@code store} ({@code directory}, the jar's
 * default, or {@code database}), {@code db-url} (default an H2 file database in a temporary directory; a PostgreSQL
 * URL measures the database store on PostgreSQL), {@code heap} (the child's {@code -Xmx}, default 4g).
 */
public final class DurabilityMeasurements {

    private static final String PROGRAM = """
            CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR NOT NULL, amount BIGINT NOT NULL);
            CREATE MATERIALIZED VIEW per_name AS SELECT name, COUNT(*) AS n, SUM(amount) AS total FROM t GROUP BY name;
            """;

    private final Http http = new Http();
    private final AtomicLong ids = new AtomicLong();
    private URI base;

    private DurabilityMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        new DurabilityMeasurements().run();
        System.exit(0);
    }

    private void run() throws Exception {
        long rows = Long.getLong("pm.measure.rows", 1_000_000);
        String store = System.getProperty("pm.measure.store", "directory");
        Path dir = Files.createTempDirectory("pm-durability-measurements-");
        String dbUrl = System.getProperty("pm.measure.db-url", "");
        if (dbUrl.isBlank()) {
            dbUrl = "jdbc:h2:file:" + dir.resolve("db")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pm.db.url", dbUrl);
        config.put("pm.checkpoint.store", store);
        if (store.equals("directory")) {
            config.put("pm.checkpoint.directory", dir.resolve("checkpoints").toString());
        }
        config.put("pm.compiler.poll-interval-ms", "50");
        config.put("pm.runner.reconcile-interval-ms", "50");
        // Room for a snapshot query that counts the 1 M rows of the table after a recovery.
        config.put("pm.query.max-state-bytes", String.valueOf(1L << 30));
        System.out.printf("Durability measurements, %s; %d cores, load average %.1f; store %s, database %s; child heap %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), store,
                dbUrl.substring(0, dbUrl.indexOf(':', 5)), System.getProperty("pm.measure.heap", "4g"));
        try (ManagerProcess manager = new ManagerProcess("measure", dir, config, System.getProperty("pm.measure.heap", "4g"))) {
            manager.start();
            base = manager.base();
            post("api/programs", "{\"name\":\"m\",\"code\":" + Http.JSON.writeValueAsString(PROGRAM) + "}", 201);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.getAnswered(base, "api/programs/m").json().path("status").asText().equals("SUCCESS"));

            throughput(manager);
            checkpointAndRecovery(manager, rows);
        }
    }

    // ---------------------------------------------------------------- 1. ingress throughput, none vs exactly_once

    private void throughput(ManagerProcess manager) throws Exception {
        String config = ",\"max_batch_records\":100000,\"max_batch_delay_millis\":10,\"max_buffered_records\":10000000}";
        createAndStart("tp_none", "{\"fault_tolerance\":\"none\"" + config);
        createAndStart("tp_eo", "{\"fault_tolerance\":\"exactly_once\"" + config);
        for (String pipeline : List.of("tp_none", "tp_eo")) {
            System.out.println("  " + pipeline + ": " + stats(pipeline).path("checkpoint"));
        }
        if (!stats("tp_eo").path("checkpoint").path("fault_tolerance").asText().equals("exactly_once")) {
            throw new IllegalStateException("tp_eo does not run in mode exactly_once (no checkpoint store?)");
        }
        for (Shape shape : List.of(new Shape("large requests: 10 000 rows each (CSV), 1 client", 10_000, 10, 1),
                new Shape("small requests: 100 rows each (CSV), 4 concurrent clients", 100, 250, 4))) {
            // warm-up of both, then 6 measured rounds in ABBA order
            measure("tp_none", shape);
            measure("tp_eo", shape);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int round = 0; round < 6; round++) {
                List<String> order = round % 2 == 0 ? List.of("tp_none", "tp_eo") : List.of("tp_eo", "tp_none");
                for (String pipeline : order) {
                    rates.computeIfAbsent(pipeline, k -> new ArrayList<>()).add(measure(pipeline, shape));
                }
            }
            double none = median(rates.get("tp_none"));
            double eo = median(rates.get("tp_eo"));
            System.out.printf("ingress throughput, %s, %d rows per round: none median %.0f records/s %s; exactly_once median "
                            + "%.0f records/s %s; exactly_once / none = %.2f%n", shape.name, shape.rowsPerRound(), none,
                    rounded(rates.get("tp_none")), eo, rounded(rates.get("tp_eo")), eo / none);
        }
        JsonNode eoStats = stats("tp_eo");
        System.out.printf("  (exactly_once pipeline meanwhile: %d checkpoints, journal now %d bytes)%n",
                eoStats.path("checkpoint").path("checkpoints").asLong(), eoStats.path("checkpoint").path("journal_bytes").asLong());
        for (String pipeline : List.of("tp_none", "tp_eo")) {
            post("api/pipelines/" + pipeline + "/shutdown", null, 202);
        }
        for (String pipeline : List.of("tp_none", "tp_eo")) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                    http.getAnswered(base, "api/pipelines/" + pipeline).json().path("status").asText().equals("STOPPED"));
            Http.Answer deleted = http.deleteAnswered(base, "api/pipelines/" + pipeline);
            if (deleted.status() != 204) {
                throw new IllegalStateException("DELETE " + pipeline + ": " + deleted);
            }
        }
    }

    private record Shape(String name, int rowsPerRequest, int requestsPerClient, int clients) {
        long rowsPerRound() {
            return (long) rowsPerRequest * requestsPerClient * clients;
        }
    }

    /** Pushes one round of {@code shape} into {@code pipeline}; records/s from the first call until all are processed. */
    private double measure(String pipeline, Shape shape) throws Exception {
        long before = stats(pipeline).path("processed_records").asLong();
        List<List<String>> bodies = new ArrayList<>();
        for (int c = 0; c < shape.clients; c++) {
            List<String> mine = new ArrayList<>();
            for (int r = 0; r < shape.requestsPerClient; r++) {
                mine.add(csv(shape.rowsPerRequest));
            }
            bodies.add(mine);
        }
        ExecutorService clients = Executors.newFixedThreadPool(shape.clients);
        try {
            long started = System.nanoTime();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (List<String> mine : bodies) {
                running.add(CompletableFuture.runAsync(() -> mine.forEach(body -> ingress(pipeline, body)), clients));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            long target = before + shape.rowsPerRound();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> stats(pipeline).path("processed_records").asLong() >= target);
            return shape.rowsPerRound() / ((System.nanoTime() - started) / 1e9);
        } finally {
            clients.shutdown();
        }
    }

    // ---------------------------------------------------------------- 2. + 3. checkpoint of 1 M rows, recovery

    private void checkpointAndRecovery(ManagerProcess manager, long rows) throws Exception {
        createAndStart("cp", "{\"fault_tolerance\":\"exactly_once\",\"checkpoint_interval_secs\":86400,"
                + "\"max_batch_records\":100000,\"max_batch_delay_millis\":10,\"max_buffered_records\":10000000}");
        long loaded = load("cp", rows);
        JsonNode stats = stats("cp");
        System.out.printf("checkpoint: pipeline with %d rows in its table (state entries %d, estimated %d MB)%n", loaded,
                stats.path("state_entries").asLong(), stats.path("estimated_state_bytes").asLong() >> 20);
        for (int i = 0; i < 3; i++) {
            JsonNode c = checkpoint("cp");
            System.out.printf("  checkpoint %d: pause %.1f ms (steps stood still for the capture), %d ms capture to durable, "
                            + "%.1f MB stored (%.1f bytes per row)%n", i + 1, c.path("last_checkpoint_pause_micros").asLong() / 1000.0,
                    c.path("last_checkpoint_millis").asLong(), c.path("last_checkpoint_bytes").asLong() / 1e6,
                    c.path("last_checkpoint_bytes").asDouble() / loaded);
        }
        recover(manager, "from the checkpoint alone (journal truncated by it)", loaded);
        long tail = rows / 5;
        loaded += load("cp", tail);
        recover(manager, "from the checkpoint plus a journal tail of " + tail + " rows", loaded);
    }

    private void recover(ManagerProcess manager, String what, long rows) {
        manager.kill();
        long started = System.nanoTime();
        manager.start();
        base = manager.base();
        long restUp = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
            Http.Answer s = http.get(base, "api/pipelines/cp/stats");
            return s.ok() && s.json().path("status").asText().equals("RUNNING");
        });
        long running = System.nanoTime();
        long count = http.query(base, "cp", "SELECT COUNT(*) AS c FROM t").get(0).path("c").asLong();
        long aggregated = http.query(base, "cp", "SELECT SUM(n) AS c FROM per_name").get(0).path("c").asLong();
        JsonNode c = stats("cp").path("checkpoint");
        System.out.printf("recovery after kill -9 %s: process start to RUNNING %d ms (REST API up after %d ms, then %d ms to "
                        + "RUNNING); the pipeline reports %d ms loading and replaying, %d records replayed; %d rows restored "
                        + "in the table, %d counted by the view (expected %d)%n", what, (running - started) / 1_000_000, (restUp - started) / 1_000_000,
                (running - restUp) / 1_000_000, c.path("recovery_millis").asLong(), c.path("replayed_records").asLong(),
                count, aggregated, rows);
        if (count != rows || aggregated != rows) {
            throw new AssertionError("recovered " + count + " rows, expected " + rows);
        }
    }

    /** Loads {@code rows} rows in requests of 50 000 and waits until they are processed; returns {@code rows}. */
    private long load(String pipeline, long rows) {
        long before = stats(pipeline).path("processed_records").asLong();
        for (long done = 0; done < rows; done += 50_000) {
            ingress(pipeline, csv((int) Math.min(50_000, rows - done)));
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> stats(pipeline).path("processed_records").asLong() >= before + rows);
        return rows;
    }

    private JsonNode checkpoint(String pipeline) {
        long written = stats(pipeline).path("checkpoint").path("checkpoints").asLong();
        post("api/pipelines/" + pipeline + "/checkpoint", null, 202);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> stats(pipeline).path("checkpoint").path("checkpoints").asLong() > written);
        JsonNode c = stats(pipeline).path("checkpoint");
        if (!c.path("last_checkpoint_error").isNull()) {
            throw new AssertionError("checkpoint failed: " + c);
        }
        return c;
    }

    // ---------------------------------------------------------------- helpers

    private String csv(int rows) {
        StringBuilder csv = new StringBuilder(rows * 24);
        for (int i = 0; i < rows; i++) {
            long id = ids.incrementAndGet();
            csv.append(id).append(",n").append(id % 1000).append(',').append(id % 997).append('\n');
        }
        return csv.toString();
    }

    private void ingress(String pipeline, String csv) {
        try {
            Http.Answer answer = http.post(base, "api/pipelines/" + pipeline + "/ingress/t", "text/csv", csv);
            if (!answer.ok()) {
                throw new IllegalStateException("ingress into " + pipeline + ": " + answer);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createAndStart(String pipeline, String configJson) {
        post("api/pipelines", "{\"name\":\"" + pipeline + "\",\"program\":\"m\",\"config\":" + configJson + "}", 201);
        post("api/pipelines/" + pipeline + "/start", null, 202);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            Http.Answer s = http.get(base, "api/pipelines/" + pipeline + "/stats");
            return s.ok() && s.json().path("status").asText().equals("RUNNING");
        });
    }

    private JsonNode stats(String pipeline) {
        Http.Answer answer = http.getAnswered(base, "api/pipelines/" + pipeline + "/stats");
        if (!answer.ok()) {
            throw new IllegalStateException("stats of " + pipeline + ": " + answer);
        }
        return answer.json();
    }

    private void post(String path, String json, int expected) {
        Http.Answer answer = http.postJsonAnswered(base, path, json);
        if (answer.status() != expected) {
            throw new IllegalStateException("POST " + path + ": " + answer);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.valueOf(Math.round(v))).collect(Collectors.joining(", ", "[", "]"));
    }
}
