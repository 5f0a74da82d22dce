package io.pipelinemanager.core.internal.checkpoint;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Throughput of the stores, printed (nothing is asserted on time): durable journal appends of 1 KiB records
 * with 1 and 8 concurrent writers, and writing and reading a 100 MB checkpoint, on a directory (under
 * {@code target/}), PostgreSQL ({@code PM_TEST_PG_URL}) and an H2 file database. Not part of the build; run with
 * <pre>
 * PM_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres \
 *   mvn -o test -pl manager-core -am -Dtest=CheckpointStoreBenchmark -Dpm.checkpoint.benchmark=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "pm.checkpoint.benchmark", matches = "true")
class CheckpointStoreBenchmark {

    private static final int RECORD = 1024;
    private static final long BODY = 100_000_000L;
    private static final long SECONDS = Long.getLong("pm.checkpoint.benchmark.seconds", 5);

    @Test
    void run() throws Exception {
        Path work = Path.of("target", "checkpoint-benchmark").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        try (CheckpointStore directory = new DirectoryCheckpointStore(work.resolve("directory"), 8L << 30)) {
            measure("directory", directory, PipelineId::random, lines);
        }
        String pgUrl = TestDatabases.newPostgresDatabase();
        try (HikariDataSource pg = pool(pgUrl)) {
            Database.migrate(pg);
            try (CheckpointStore store = new DatabaseCheckpointStore(pg, 8L << 30)) {
                measure("postgresql", store, () -> PipelineRows.insert(pg), lines);
            }
        } finally {
            TestDatabases.dropPostgresDatabase(pgUrl);
        }
        try (HikariDataSource h2 = pool("jdbc:h2:file:" + work.resolve("h2") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH")) {
            Database.migrate(h2);
            try (CheckpointStore store = new DatabaseCheckpointStore(h2, 8L << 30)) {
                measure("h2-file", store, () -> PipelineRows.insert(h2), lines);
            }
        }
        deleteTree(work);
        System.out.println();
        System.out.println("store       | measure                               | result");
        lines.forEach(System.out::println);
    }

    @FunctionalInterface
    interface Pipelines {
        PipelineId next() throws Exception;
    }

    private static void measure(String name, CheckpointStore store, Pipelines pipelines, List<String> lines) throws Exception {
        for (int writers : new int[] {1, 8}) {
            Journal journal = store.journal(pipelines.next());
            journal.appendNext(new byte[RECORD]); // warm-up: opens the segment or the connection
            long flushesBefore = ((GroupCommitJournal) journal).flushes();
            Result r = appendFor(journal, writers);
            long flushes = ((GroupCommitJournal) journal).flushes() - flushesBefore;
            lines.add(String.format(Locale.ROOT, "%-11s | journal append 1 KiB, %d writer%s        | %,.0f appends/s (%.1f MB/s), "
                            + "%.2f ms mean latency, %.1f records per flush", name, writers, writers == 1 ? " " : "s",
                    r.appends / r.seconds, r.appends * RECORD / r.seconds / 1e6, r.latencyNanos / 1e6 / r.appends,
                    (double) r.appends / flushes));
        }
        PipelineId pipeline = pipelines.next();
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        long start = System.nanoTime();
        CheckpointInfo info = store.write(pipeline, new CheckpointInfo(1, 0, "bench", 1, System.currentTimeMillis(), 0),
                out -> writeBody(out, block));
        double write = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long read = 0;
        try (InputStream in = store.open(pipeline, store.latest(pipeline).orElseThrow())) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read += n;
            }
        }
        double readSeconds = (System.nanoTime() - start) / 1e9;
        if (read != BODY || info.bytes() != BODY) {
            throw new AssertionError("read " + read + " of " + BODY);
        }
        lines.add(String.format(Locale.ROOT, "%-11s | checkpoint 100 MB write (durable)     | %.0f MB/s (%.2f s)", name,
                BODY / write / 1e6, write));
        lines.add(String.format(Locale.ROOT, "%-11s | checkpoint 100 MB read (verified)     | %.0f MB/s (%.2f s)", name,
                BODY / readSeconds / 1e6, readSeconds));
    }

    private static void writeBody(OutputStream out, byte[] block) throws java.io.IOException {
        for (long written = 0; written < BODY; ) {
            int n = (int) Math.min(block.length, BODY - written);
            out.write(block, 0, n);
            written += n;
        }
    }

    private record Result(long appends, double seconds, long latencyNanos) {
    }

    private static Result appendFor(Journal journal, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                byte[] payload = new byte[RECORD];
                start.await();
                long count = 0;
                long latency = 0;
                while (System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    journal.appendNext(payload);
                    latency += System.nanoTime() - t;
                    count++;
                }
                return new long[] {count, latency};
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        long appends = 0;
        long latency = 0;
        for (Future<long[]> f : futures) {
            appends += f.get()[0];
            latency += f.get()[1];
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new Result(appends, seconds, latency);
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(10);
        return ds;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
