package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.CheckpointStats;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Durable pipelines through the facade, with the directory checkpoint store: exactly_once is the default and
 * survives a shutdown and a restart of the manager; checkpoints on request; a changed program is refused with
 * {@code CheckpointIncompatible} until the state is cleared; clear only when stopped; delete drops the state.
 */
class DurabilityEndToEndTest {

    private static final Caller T = Caller.unauthenticated();
    private static final String SQL = """
            CREATE TABLE orders (id INT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2));
            CREATE MATERIALIZED VIEW totals AS
              SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer;
            """;
    private static final Duration WAIT = Duration.ofSeconds(30);

    record Order(int id, String customer, java.math.BigDecimal amount) {
    }

    @TempDir
    Path checkpoints;

    private String url;
    private PipelineManager manager;

    @BeforeEach
    void open() {
        url = TestDatabases.h2Url();
        manager = manager();
        manager.createProgram(T, new ProgramSpec("orders", "", SQL));
        await(() -> manager.getProgram(T, "orders"), p -> p.status() == ProgramStatus.SUCCESS);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private PipelineManager manager() {
        return PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.checkpoint.directory", checkpoints.toString())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .build();
    }

    @Test
    void exactlyOnceIsTheDefaultAndTheViewsSurviveAShutdownAndAManagerRestart() throws Exception {
        Pipeline created = manager.createPipeline(T, new PipelineSpec("p", "", "orders", null));
        assertThat(created.config().faultTolerance()).isEqualTo(FaultTolerance.EXACTLY_ONCE);
        assertThat(created.config().checkpointIntervalSecs()).isEqualTo(60);
        start("p");
        long step = push("p", 1, 2, 3);
        manager.checkpointPipeline(T, "p");
        CheckpointStats stats = await(() -> manager.pipelineStats(T, "p").checkpoint(), c -> c.checkpoints() == 1);
        assertThat(stats.lastCheckpointStep()).isEqualTo(step);
        assertThat(stats.lastCheckpointBytes()).isPositive();
        assertThat(stats.lastCheckpointAt()).isNotNull();
        assertThat(stats.store()).isEqualTo("directory");
        assertThat(stats.lastCheckpointError()).isNull();
        long later = push("p", 4, 5);
        List<List<Object>> before = totals("p");

        manager.shutdownPipeline(T, "p");
        awaitStatus("p", PipelineStatus.STOPPED);
        start("p");
        assertThat(totals("p")).isEqualTo(before);
        assertThat(manager.pipelineStats(T, "p").steps()).isEqualTo(later);

        // The manager goes away without a pipeline shutdown, and comes back.
        long last = push("p", 6);
        List<List<Object>> atClose = totals("p");
        manager.close();
        manager = manager();
        org.awaitility.Awaitility.await().atMost(WAIT).ignoreExceptions()
                .until(() -> manager.pipelineStats(T, "p").status() == PipelineStatus.RUNNING);
        assertThat(totals("p")).isEqualTo(atClose);
        assertThat(manager.pipelineStats(T, "p").steps()).isEqualTo(last);
        assertThat(push("p", 7)).as("step numbers go on").isEqualTo(last + 1);
    }

    @Test
    void aChangedProgramFailsWithCheckpointIncompatibleUntilTheStateIsCleared() {
        manager.createPipeline(T, new PipelineSpec("p", "", "orders", null));
        start("p");
        push("p", 1);
        assertCode(() -> manager.clearPipelineState(T, "p"), ErrorCode.UpdateRestrictedToStopped);
        manager.shutdownPipeline(T, "p");
        awaitStatus("p", PipelineStatus.STOPPED);
        manager.updateProgram(T, "orders", ProgramUpdate.code(SQL.replace("COUNT(*) AS n", "COUNT(*) AS orders")));
        await(() -> manager.getProgram(T, "orders"), p -> p.status() == ProgramStatus.SUCCESS);

        manager.startPipeline(T, "p");
        Pipeline failed = awaitStatus("p", PipelineStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.CheckpointIncompatible);
        assertThat(failed.error().message()).contains("clear");
        assertCode(() -> manager.clearPipelineState(T, "p"), ErrorCode.UpdateRestrictedToStopped);
        manager.shutdownPipeline(T, "p");
        awaitStatus("p", PipelineStatus.STOPPED);
        manager.clearPipelineState(T, "p");
        start("p");
        assertThat(manager.pipelineStats(T, "p").steps()).isZero();
        assertThat(totals("p")).isEmpty();
    }

    @Test
    void checkpointModeResumesAndNoneKeepsNothing() {
        PipelineConfig checkpoint = PipelineConfig.DEFAULT.withFaultTolerance(FaultTolerance.CHECKPOINT);
        manager.createPipeline(T, new PipelineSpec("c", "", "orders", checkpoint));
        manager.createPipeline(T, new PipelineSpec("n", "", "orders",
                PipelineConfig.DEFAULT.withFaultTolerance(FaultTolerance.NONE)));
        start("c");
        start("n");
        push("c", 1, 2);
        push("n", 1, 2);
        assertCode(() -> manager.checkpointPipeline(T, "n"), ErrorCode.InvalidConfig);
        assertThat(manager.pipelineStats(T, "n").checkpoint().faultTolerance()).isEqualTo(FaultTolerance.NONE);
        List<List<Object>> before = totals("c");
        for (String p : List.of("c", "n")) {
            manager.shutdownPipeline(T, p);
            awaitStatus(p, PipelineStatus.STOPPED);
            start(p);
        }
        assertThat(totals("c")).isEqualTo(before);
        assertThat(manager.pipelineStats(T, "c").checkpoint().journalBytes()).as("no journal").isZero();
        assertThat(totals("n")).isEmpty();
    }

    @Test
    void deletingAPipelineDropsItsStoredState() throws IOException {
        Pipeline p = manager.createPipeline(T, new PipelineSpec("p", "", "orders", null));
        start("p");
        push("p", 1);
        manager.shutdownPipeline(T, "p");
        awaitStatus("p", PipelineStatus.STOPPED);
        assertThat(storedFiles(p)).isNotEmpty();
        manager.deletePipeline(T, "p");
        assertThat(storedFiles(p)).isEmpty();
    }

    // ---- helpers

    private List<Path> storedFiles(Pipeline p) throws IOException {
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains(p.id().value().toString())).toList();
        }
    }

    private void start(String pipeline) {
        manager.startPipeline(T, pipeline);
        awaitStatus(pipeline, PipelineStatus.RUNNING);
    }

    /** Inserts orders with these ids (customer by parity) and returns the step that applied them. */
    private long push(String pipeline, int... ids) {
        List<Order> orders = java.util.Arrays.stream(ids)
                .mapToObj(i -> new Order(i, i % 2 == 0 ? "even" : "odd", new java.math.BigDecimal(i + ".50"))).toList();
        PushResult pushed = manager.insert(T, pipeline, "orders", orders);
        try {
            return manager.awaitApplied(T, pipeline, pushed, WAIT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<List<Object>> totals(String pipeline) {
        return manager.query(T, pipeline, "SELECT * FROM totals ORDER BY customer").rows();
    }

    private Pipeline awaitStatus(String pipeline, PipelineStatus status) {
        return await(() -> manager.getPipeline(T, pipeline), p -> p.status() == status);
    }

    private static <V> V await(Supplier<V> read, Predicate<V> done) {
        return org.awaitility.Awaitility.await().atMost(WAIT).until(read::get, done::test);
    }

    private static void assertCode(Runnable action, ErrorCode code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
