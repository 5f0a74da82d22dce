package io.pipelinemanager.core.internal.runner;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.CheckpointStats;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.checkpoint.CheckpointInfo;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.checkpoint.DatabaseCheckpointStore;
import io.pipelinemanager.core.internal.checkpoint.DirectoryCheckpointStore;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A runner's durability with the real stores (a directory under a temporary folder, the database store on H2):
 * a checkpoint at stop and a resume from it, the journal replayed after a runner was abandoned (a crash, as far
 * as stored state goes) with the same steps, program changes refused, a full journal refusing whole requests.
 */
class DurableRunnerTest {

    private static final String SQL = """
            CREATE TABLE t (k INT NOT NULL, x BIGINT);
            CREATE MATERIALIZED VIEW sums AS SELECT k, SUM(x) AS s, COUNT(*) AS n FROM t GROUP BY k;
            CREATE MATERIALIZED VIEW big AS SELECT DISTINCT k FROM t WHERE x > 50;
            """;
    private static final CompiledProgram PROGRAM = new SqlCompiler().compile(SQL).artifact();
    private static final CompiledProgram CHANGED = new SqlCompiler().compile(SQL + " -- changed").artifact();
    private static final Set<String> VIEWS = Set.of("sums", "big", "t");
    private static final TenantId T = TenantId.DEFAULT;
    private static final EgressLimits EGRESS = new EgressLimits(1 << 16, 64 << 20, 256, 1024, Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(30);

    enum Kind { DIRECTORY, DATABASE }

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        executor.shutdownNow();
    }

    private PipelineManager manager;

    private CheckpointStore store(Kind kind, long journalMaxBytes) throws IOException {
        CheckpointStore store;
        if (kind == Kind.DIRECTORY) {
            store = new DirectoryCheckpointStore(dir.resolve("checkpoints"), journalMaxBytes);
        } else {
            String url = TestDatabases.h2Url();
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(url);
            closing.add(ds);
            Database.migrate(ds);
            store = new DatabaseCheckpointStore(ds, journalMaxBytes);
            // The database store keeps state of pipelines the database has: a manager without background work
            // creates them.
            manager = PipelineManager.builder().environment(Map.of()).dataSource(ds)
                    .property("pm.background-work", "false").build();
            closing.add(manager);
            manager.createProgram(Caller.unauthenticated(), new ProgramSpec("prog", "", SQL));
        }
        closing.add(0, store);
        return store;
    }

    /** A new pipeline id (with the database store, of a pipeline stored in the database). */
    private PipelineId pipeline() {
        if (manager == null) {
            return PipelineId.random();
        }
        return manager.createPipeline(Caller.unauthenticated(),
                new PipelineSpec("p" + (int) (Math.random() * 1e9), "", "prog", null)).id();
    }

    private PipelineRunner runner(PipelineId id, CompiledProgram program, FaultTolerance mode, CheckpointStore store,
                                  boolean running) {
        PipelineConfig config = new PipelineConfig(1, 50, 0, 1_000_000).withFaultTolerance(mode)
                .withCheckpointIntervalSecs(3600);
        PipelineRunner runner = new PipelineRunner(id, T, "p", program, config, store);
        runner.start(executor, running);
        await().atMost(WAIT).until(() -> runner.ready() || runner.failure() != null);
        return runner;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void checkpointModeStopWritesACheckpointAndTheNextStartResumesFromIt(Kind kind) throws Exception {
        CheckpointStore store = store(kind, 1 << 20);
        PipelineId id = pipeline();
        PipelineRunner first = runner(id, PROGRAM, FaultTolerance.CHECKPOINT, store, true);
        List<Request> input = requests(new Random(1), 40);
        pushAll(first, input);
        await().atMost(WAIT).until(() -> first.stats().processedRecords() == records(input));
        long steps = first.stats().steps();
        Map<String, ZSet> before = first.snapshots(VIEWS);
        first.stop();

        CheckpointInfo stored = store.latest(id).orElseThrow();
        assertThat(stored.step()).isEqualTo(steps);
        assertThat(stored.programHash()).isEqualTo(PROGRAM.contentHash());

        PipelineRunner second = runner(id, PROGRAM, FaultTolerance.CHECKPOINT, store, true);
        assertThat(second.failure()).isNull();
        assertThat(second.snapshots(VIEWS)).isEqualTo(before);
        assertThat(second.stats().steps()).as("step numbers survive the restart").isEqualTo(steps);
        CheckpointStats stats = second.stats().checkpoint();
        assertThat(stats.lastCheckpointStep()).isEqualTo(steps);
        assertThat(stats.store()).isEqualTo(store.kind());
        second.push("t", ZSet.ofRows(Rows.of(1L, 1000L)), 1);
        await().atMost(WAIT).until(() -> second.stats().steps() == steps + 1);
        second.stop();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void exactlyOnceReplaysTheJournalAfterAnAbandonedRunnerWithTheSameSteps(Kind kind) throws Exception {
        CheckpointStore store = store(kind, 64 << 20);
        PipelineId id = pipeline();
        List<Request> input = requests(new Random(2), 120);
        PipelineRunner first = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, true);
        ConcurrentSkipListMap<Long, Map<String, ZSet>> published = new ConcurrentSkipListMap<>();
        Subscription subscription = first.subscribe("sums", false, EGRESS);
        // Half before a checkpoint, a quarter after it (in the journal), a quarter journaled but never stepped.
        pushAll(first, input.subList(0, 60));
        await().atMost(WAIT).until(() -> first.stats().processedRecords() == records(input.subList(0, 60)));
        first.requestCheckpoint();
        await().atMost(WAIT).until(() -> first.stats().checkpoint().checkpoints() == 1);
        pushAll(first, input.subList(60, 90));
        await().atMost(WAIT).until(() -> first.stats().processedRecords() == records(input.subList(0, 90)));
        first.pause();
        pushAll(first, input.subList(90, 120));
        long steps = first.stats().steps();
        Map<String, ZSet> atCrash = first.snapshots(VIEWS);
        assertThat(first.stats().checkpoint().journalBytes()).isPositive();
        drain(subscription, published);
        first.abandon(); // no checkpoint: to the stored state this is a crash

        PipelineRunner second = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, false);
        assertThat(second.failure()).isNull();
        assertThat(second.stats().steps()).as("the replay took the same steps").isEqualTo(steps);
        assertThat(second.snapshots(VIEWS)).isEqualTo(atCrash);
        assertThat(second.stats().bufferedRecords()).as("journaled, never stepped").isEqualTo(records(input.subList(90, 120)));
        assertThat(second.stats().checkpoint().replayedRecords()).isEqualTo(records(input.subList(60, 90)));
        Subscription resumed = second.subscribe("sums", false, EGRESS);
        second.resume();
        await().atMost(WAIT).until(() -> second.stats().bufferedRecords() == 0);
        await().atMost(WAIT).until(() -> second.stats().processedRecords() == records(input.subList(90, 120)));
        assertThat(second.snapshots(VIEWS)).as("as if it never stopped").isEqualTo(uninterrupted(input));
        drain(resumed, published);
        assertThat(published.firstKey()).isEqualTo(1);
        assertThat(published.lastKey()).as("step numbers go on").isGreaterThan(steps);
        assertThat(published.keySet()).as("no gap in the step numbers").hasSize((int) (long) published.lastKey());
        second.stop();

        // The stop wrote a checkpoint and truncated the journal: a third start replays nothing.
        PipelineRunner third = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, true);
        assertThat(third.stats().checkpoint().replayedRecords()).isZero();
        assertThat(third.snapshots(VIEWS)).isEqualTo(uninterrupted(input));
        third.stop();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void severalCheckpointsEachTruncateTheJournalAndARestartReplaysNothing(Kind kind) throws Exception {
        CheckpointStore store = store(kind, 1 << 20);
        PipelineId id = pipeline();
        List<Request> input = requests(new Random(4), 60);
        PipelineRunner first = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, true);
        // Two checkpoints before any input (both truncate through sequence 0), then one after each third.
        for (int i = 1; i <= 2; i++) {
            first.requestCheckpoint();
            int expected = i;
            await().atMost(WAIT).until(() -> first.stats().checkpoint().checkpoints() == expected
                    || first.stats().checkpoint().lastCheckpointError() != null);
            assertThat(first.stats().checkpoint().lastCheckpointError()).isNull();
        }
        for (int third = 0; third < 3; third++) {
            List<Request> upTo = input.subList(0, (third + 1) * 20);
            pushAll(first, input.subList(third * 20, (third + 1) * 20));
            await().atMost(WAIT).until(() -> first.stats().processedRecords() == records(upTo));
            first.requestCheckpoint();
            int expected = 3 + third;
            await().atMost(WAIT).until(() -> first.stats().checkpoint().checkpoints() == expected
                    || first.stats().checkpoint().lastCheckpointError() != null);
            assertThat(first.stats().checkpoint().lastCheckpointError()).isNull();
            assertThat(first.stats().checkpoint().journalBytes()).as("truncated by checkpoint " + expected).isZero();
        }
        Map<String, ZSet> before = first.snapshots(VIEWS);
        first.abandon();

        PipelineRunner second = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, true);
        assertThat(second.failure()).isNull();
        assertThat(second.stats().checkpoint().replayedRecords()).isZero();
        assertThat(second.snapshots(VIEWS)).isEqualTo(before).isEqualTo(uninterrupted(input));
        second.stop();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChangedProgramRefusesTheCheckpointUntilTheStateIsCleared(Kind kind) throws Exception {
        CheckpointStore store = store(kind, 1 << 20);
        PipelineId id = pipeline();
        PipelineRunner first = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, true);
        first.push("t", ZSet.ofRows(Rows.of(1L, 7L)), 1);
        await().atMost(WAIT).until(() -> first.stats().steps() == 1);
        first.stop();

        PipelineRunner changed = runner(id, CHANGED, FaultTolerance.EXACTLY_ONCE, store, true);
        assertThat(changed.failure()).isNotNull();
        assertThat(changed.failure().code()).isEqualTo(ErrorCode.CheckpointIncompatible);
        assertThat(changed.failure().message()).contains("clear");
        assertThat(changed.failure().details()).containsEntry("checkpoint_step", 1L);
        assertThatThrownBy(() -> changed.push("t", ZSet.ofRows(Rows.of(2L, 1L)), 1)).isInstanceOfSatisfying(
                ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PipelineNotRunning));
        changed.stop();
        assertThat(store.latest(id)).as("a refused start leaves the state alone").isPresent();

        store.clear(id);
        PipelineRunner fresh = runner(id, CHANGED, FaultTolerance.EXACTLY_ONCE, store, true);
        assertThat(fresh.failure()).isNull();
        assertThat(fresh.stats().steps()).isZero();
        assertThat(fresh.snapshots(VIEWS).get("t").isEmpty()).isTrue();
        fresh.stop();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFullJournalIsBackPressureAndKeepsNothingOfTheRequest(Kind kind) throws Exception {
        CheckpointStore store = store(kind, 16 * 1024);
        PipelineId id = pipeline();
        PipelineRunner runner = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, false);
        List<Request> accepted = new ArrayList<>();
        ManagerException refused = null;
        for (Request r : requests(new Random(3), 10_000)) {
            try {
                runner.push("t", r.changes(), r.records());
                accepted.add(r);
            } catch (ManagerException e) {
                refused = e;
                break;
            }
        }
        assertThat(refused).as("the journal filled up").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BackPressure);
        assertThat(refused.details()).containsKeys("journal_bytes", "max_journal_bytes");
        assertThat(runner.stats().bufferedRecords()).isEqualTo(records(accepted));
        runner.abandon();

        PipelineRunner restarted = runner(id, PROGRAM, FaultTolerance.EXACTLY_ONCE, store, true);
        await().atMost(WAIT).until(() -> restarted.stats().processedRecords() == records(accepted));
        assertThat(restarted.snapshots(VIEWS)).as("exactly the accepted requests").isEqualTo(uninterrupted(accepted));
        restarted.stop();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "DIRECTORY")
    void aDamagedCheckpointIsRefusedNeverLoaded(Kind kind) throws Exception {
        CheckpointStore store = store(kind, 1 << 20);
        PipelineId id = pipeline();
        PipelineRunner first = runner(id, PROGRAM, FaultTolerance.CHECKPOINT, store, true);
        pushAll(first, requests(new Random(4), 20));
        await().atMost(WAIT).until(() -> first.stats().bufferedRecords() == 0);
        first.stop();
        Path largest;
        try (Stream<Path> files = Files.walk(dir.resolve("checkpoints"))) {
            largest = files.filter(Files::isRegularFile).max(Comparator.comparingLong(DurableRunnerTest::size)).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(largest, bytes);

        PipelineRunner damaged = runner(id, PROGRAM, FaultTolerance.CHECKPOINT, store, true);
        assertThat(damaged.failure()).isNotNull();
        assertThat(damaged.failure().code()).isEqualTo(ErrorCode.CorruptState);
        damaged.stop();
    }

    // ---- helpers

    record Request(ZSet changes, long records) {
    }

    /**
     * Random inserts, and deletes of rows inserted before (so the tables' weights stay positive); each request starts
     * with an insert, so every step changes the view {@code sums}.
     */
    private static List<Request> requests(Random random, int n) {
        List<Request> out = new ArrayList<>();
        List<io.pipelinemanager.core.internal.engine.zset.Row> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ZSetBuilder b = new ZSetBuilder();
            int size = 1 + random.nextInt(5);
            for (int j = 0; j < size; j++) {
                if (j > 0 && !live.isEmpty() && random.nextInt(4) == 0) {
                    b.add(live.remove(random.nextInt(live.size())), -1);
                } else {
                    var row = Rows.of((long) random.nextInt(10), (long) random.nextInt(100) + i * 1000L);
                    live.add(row);
                    b.add(row, 1);
                }
            }
            ZSet z = b.build();
            out.add(new Request(z, PipelineRunner.records(z)));
        }
        return out;
    }

    private static long records(List<Request> requests) {
        return requests.stream().mapToLong(Request::records).sum();
    }

    private static void pushAll(PipelineRunner runner, List<Request> requests) {
        requests.forEach(r -> runner.push("t", r.changes(), r.records()));
    }

    /** The views after one run that never stopped, over the same input. */
    private Map<String, ZSet> uninterrupted(List<Request> requests) {
        PipelineRunner reference = new PipelineRunner(PipelineId.random(), T, "ref", PROGRAM,
                new PipelineConfig(1, 1_000_000, 0, 10_000_000).withFaultTolerance(FaultTolerance.NONE));
        reference.start(executor, true);
        pushAll(reference, requests);
        await().atMost(WAIT).until(() -> reference.stats().processedRecords() == records(requests));
        Map<String, ZSet> views = reference.snapshots(VIEWS);
        reference.stop();
        return views;
    }

    private static void drain(Subscription subscription, Map<Long, Map<String, ZSet>> into) throws InterruptedException {
        for (ChangeEvent e = subscription.poll(0, java.util.concurrent.TimeUnit.SECONDS); e != null;
             e = subscription.poll(0, java.util.concurrent.TimeUnit.SECONDS)) {
            if (e instanceof ChangeEvent.Changes changes) {
                into.put(changes.step(), Map.of("sums", changes.delta()));
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
