package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long SQL takes to run, printed (nothing is asserted on time): <b>warm</b> — on a manager that compiled a
 * program before, create a program, a pipeline for it and start it, until the pipeline reads RUNNING (p50 / p90 over
 * {@value #WARM_RUNS} runs), once with new code each run (it compiles) and once with code compiled before (the
 * orchestration alone: compiler and reconciler passes, the runner's start); <b>cold</b> — in a fresh JVM,
 * {@code PipelineManager.builder()...build()} on a new H2 database plus the first program's pipeline RUNNING
 * (median of 5 JVMs, {@code -Dpm.startup.benchmark.cold-runs=N} for another number), and where a cold start goes
 * (pool, Flyway, Hibernate, first compilation, one after the other in one more fresh JVM). Default settings (poll intervals 200 ms), H2 in memory.
 * Not part of the build; run with
 * <pre>
 * mvn -o test -pl manager-core -am -Dtest=StartupLatencyBenchmark -Dpm.startup.benchmark=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "pm.startup.benchmark", matches = "true")
class StartupLatencyBenchmark {

    private static final Caller T = Caller.unauthenticated();
    private static final int WARM_RUNS = 20;
    private static final int COLD_RUNS = Integer.getInteger("pm.startup.benchmark.cold-runs", 5);
    private static final Path CHECKPOINTS = Path.of("target", "startup-benchmark").toAbsolutePath();

    static String program(int n) {
        return "CREATE TABLE orders (id INT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2));\n"
                + "CREATE MATERIALIZED VIEW totals AS SELECT customer, SUM(amount) AS total, COUNT(*) AS n\n"
                + "  FROM orders WHERE amount > " + n + " GROUP BY customer;\n";
    }

    @Test
    void run() throws Exception {
        List<String> lines = new ArrayList<>();
        cold(lines);
        warm(lines);
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static void warm(List<String> lines) {
        try (PipelineManager manager = PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", TestDatabases.h2Url())
                .property("pm.checkpoint.directory", CHECKPOINTS.resolve("warm").toString())
                .build()) {
            toRunning(manager, "warmup", program(-1));
            lines.add(warmRuns(manager, "new", "new code each run, so it compiles", true));
            lines.add(warmRuns(manager, "same", "code compiled before, so no compilation: the orchestration alone",
                    false));
        }
    }

    private static String warmRuns(PipelineManager manager, String prefix, String what, boolean newCode) {
        long[] millis = new long[WARM_RUNS];
        for (int i = 0; i < WARM_RUNS; i++) {
            String name = prefix + i;
            long started = System.nanoTime();
            toRunning(manager, name, program(newCode ? i : -1));
            millis[i] = (System.nanoTime() - started) / 1_000_000;
            manager.shutdownPipeline(T, name);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> manager.getPipeline(T, name).status() == PipelineStatus.STOPPED);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "warm SQL -> RUNNING (create program + pipeline + start; %s; n=%d): "
                        + "p50 %d ms, p90 %d ms, min %d ms, max %d ms; runs %s", what, WARM_RUNS,
                sorted[WARM_RUNS / 2], sorted[WARM_RUNS * 9 / 10], sorted[0], sorted[WARM_RUNS - 1],
                Arrays.toString(millis));
    }

    /** Creates a program and a pipeline for it, starts it and waits until it reads RUNNING. */
    static void toRunning(PipelineManager manager, String name, String code) {
        manager.createProgram(T, new ProgramSpec(name, "", code));
        manager.createPipeline(T, new PipelineSpec(name, "", name, null));
        manager.startPipeline(T, name);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    PipelineStatus status = manager.getPipeline(T, name).status();
                    if (status == PipelineStatus.FAILED || manager.getProgram(T, name).status() == ProgramStatus.SQL_ERROR) {
                        throw new IllegalStateException("pipeline " + name + " failed");
                    }
                    return status == PipelineStatus.RUNNING;
                });
    }

    private static void cold(List<String> lines) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            Process process = new ProcessBuilder(java, "-cp", classPath, ColdStart.class.getName(),
                    CHECKPOINTS.resolve("cold-" + i).toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(ColdStart.PREFIX)) {
                        result = line.substring(ColdStart.PREFIX.length());
                    }
                }
            }
            if (process.waitFor() != 0 || result == null) {
                throw new IllegalStateException("cold run " + i + " failed (exit " + process.exitValue() + ")");
            }
            runs.add(Arrays.stream(result.trim().split(" ")).mapToLong(Long::parseLong).toArray());
        }
        runs.sort((a, b) -> Long.compare(a[3], b[3]));
        long[] median = runs.get(COLD_RUNS / 2);
        lines.add(String.format(Locale.ROOT, "cold build() + first program RUNNING (fresh JVM, new H2 database, n=%d): "
                        + "median %d ms = build %d ms + program SUCCESS %d ms + pipeline RUNNING %d ms; JVM start to "
                        + "RUNNING %d ms; all runs (ms to RUNNING) %s", COLD_RUNS, median[3], median[0], median[1],
                median[2], median[4], runs.stream().map(r -> r[3]).toList()));
        Process phases = new ProcessBuilder(java, "-cp", classPath, ColdPhases.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(phases.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(ColdStart.PREFIX)) {
                    lines.add("  " + line.substring(ColdStart.PREFIX.length()));
                }
            }
        }
        phases.waitFor();
        lines.add("  (JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs)");
    }

    /**
     * Where a cold start goes, in a fresh JVM, one piece after the other (without the manager's overlap of the
     * compiler warm-up): pool and first connection, Flyway, Hibernate, the first and a second compilation.
     */
    public static final class ColdPhases {

        public static void main(String[] args) {
            long t0 = System.nanoTime();
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(TestDatabases.h2Url());
            try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
                try (java.sql.Connection c = pool.getConnection()) {
                    c.isValid(1);
                }
                long t1 = System.nanoTime();
                io.pipelinemanager.core.internal.store.Database.migrate(pool);
                long t2 = System.nanoTime();
                try (var store = io.pipelinemanager.core.internal.store.jpa.JpaStore.open(pool,
                        new io.pipelinemanager.core.internal.store.jpa.JpaStore.RetryPolicy(1, Duration.ofMillis(100)))) {
                    long t3 = System.nanoTime();
                    var first = new io.pipelinemanager.core.internal.compiler.SqlCompiler().compile(program(0));
                    long t4 = System.nanoTime();
                    new io.pipelinemanager.core.internal.compiler.SqlCompiler().compile(program(1));
                    long t5 = System.nanoTime();
                    System.out.println(ColdStart.PREFIX + String.format(Locale.ROOT, "cold phases (fresh JVM, one "
                                    + "after the other): pool + first H2 connection %d ms, Flyway %d ms, Hibernate %d ms, "
                                    + "first compilation %d ms (%s), a second one %d ms", (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, first.status(),
                            (t5 - t4) / 1_000_000));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            System.exit(0);
        }
    }

    /** One cold start in a fresh JVM; prints {@value #PREFIX} build, compile, start, total and JVM-uptime millis. */
    public static final class ColdStart {

        static final String PREFIX = "COLD ";

        public static void main(String[] args) {
            long started = System.nanoTime();
            try (PipelineManager manager = PipelineManager.builder().environment(Map.of())
                    .property("pm.db.url", TestDatabases.h2Url())
                    .property("pm.checkpoint.directory", args[0])
                    .build()) {
                long built = System.nanoTime();
                manager.createProgram(T, new ProgramSpec("first", "", program(0)));
                manager.createPipeline(T, new PipelineSpec("first", "", "first", null));
                manager.startPipeline(T, "first");
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> manager.getProgram(T, "first").status().isFinal());
                long compiled = System.nanoTime();
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> manager.getPipeline(T, "first").status() == PipelineStatus.RUNNING);
                long running = System.nanoTime();
                long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                System.out.println(PREFIX + (built - started) / 1_000_000 + " " + (compiled - built) / 1_000_000 + " "
                        + (running - compiled) / 1_000_000 + " " + (running - started) / 1_000_000 + " " + uptime);
            }
            System.exit(0);
        }
    }
}
