package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.ProgramValidation;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Programs compile in the background and pipelines follow their desired status, through the facade. */
class LifecycleEndToEndTest {

    static final Caller T = Caller.unauthenticated();
    static final String SQL = """
            CREATE TABLE orders (id INT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2));
            CREATE MATERIALIZED VIEW totals AS
              SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer;
            """;

    private PipelineManager manager;

    @BeforeEach
    void open() {
        manager = fastManager(TestDatabases.h2Url());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A manager whose background loops poll every 20 ms. */
    static PipelineManager fastManager(String url) {
        return PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .build();
    }

    @Test
    void programCompilesAndPipelineRunsPausesAndStops() throws Exception {
        manager.createProgram(T, new ProgramSpec("orders", "", SQL));
        Program compiled = await(() -> manager.getProgram(T, "orders"), p -> p.status().isFinal());
        assertThat(compiled.status()).as("%s", compiled.diagnostics()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(compiled.schema().tables()).extracting(r -> r.name().toLowerCase()).containsExactly("orders");
        assertThat(compiled.schema().views()).extracting(r -> r.name().toLowerCase()).containsExactly("totals");

        manager.createPipeline(T, new PipelineSpec("p1", "", "orders", null));
        assertCode(() -> manager.pipelineStats(T, "p1"), ErrorCode.PipelineNotRunning);
        Pipeline started = manager.startPipeline(T, "p1");
        assertThat(started.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        Pipeline running = awaitStatus("p1", PipelineStatus.RUNNING);
        assertThat(running.programVersion()).isEqualTo(1L);
        assertThat(manager.pipelineStats(T, "p1").steps()).isZero();

        assertCode(() -> manager.updateProgram(T, "orders", ProgramUpdate.code(SQL + " -- edit")),
                ErrorCode.UpdateRestrictedToStopped);
        manager.pausePipeline(T, "p1");
        awaitStatus("p1", PipelineStatus.PAUSED);
        manager.startPipeline(T, "p1");
        awaitStatus("p1", PipelineStatus.RUNNING);
        try (ChangeStream totals = manager.subscribe(T, "p1", "totals", false)) {
            manager.shutdownPipeline(T, "p1");
            awaitStatus("p1", PipelineStatus.STOPPED);
            assertThat(totals.writeNext(OutputStream.nullOutputStream(), Duration.ofSeconds(5)))
                    .as("the change stream ends cleanly when the pipeline stops").isEqualTo(ChangeStream.Poll.END);
            assertThat(totals.error()).isNull();
        }
        assertCode(() -> manager.pipelineStats(T, "p1"), ErrorCode.PipelineNotRunning);
        manager.deletePipeline(T, "p1");
        manager.deleteProgram(T, "orders");
    }

    @Test
    void startingAProgramThatDoesNotCompileFailsWithItsDiagnostics() {
        manager.createProgram(T, new ProgramSpec("broken", "", "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT y FROM t;"));
        manager.createPipeline(T, new PipelineSpec("p2", "", "broken", null));
        manager.startPipeline(T, "p2");
        Pipeline failed = awaitStatus("p2", PipelineStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.CannotStartWithCompilationError);
        assertThat(failed.error().details().get("diagnostics").toString()).containsIgnoringCase("y");
        assertThat(manager.getProgram(T, "broken").status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertCode(() -> manager.startPipeline(T, "p2"), ErrorCode.IllegalTransition);
        manager.shutdownPipeline(T, "p2");
        Pipeline stopped = awaitStatus("p2", PipelineStatus.STOPPED);
        assertThat(stopped.error()).isNull();
        Program fixed = manager.updateProgram(T, "broken", ProgramUpdate.code("CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT x FROM t;"));
        assertThat(fixed.version()).isEqualTo(2);
        manager.startPipeline(T, "p2");
        assertThat(awaitStatus("p2", PipelineStatus.RUNNING).programVersion()).isEqualTo(2L);
    }

    @Test
    void compilationQueueIsVisibleAndDrains() {
        manager.close();
        String url = TestDatabases.h2Url();
        manager = PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.background-work", "false").build();
        manager.createProgram(T, new ProgramSpec("first", "", SQL));
        manager.createProgram(T, new ProgramSpec("second", "", SQL + " -- other"));
        assertThat(manager.compilationQueuePosition(T, "first")).isEqualTo(1);
        assertThat(manager.compilationQueuePosition(T, "second")).isEqualTo(2);
        manager.close();
        manager = fastManager(url);
        await(() -> manager.getProgram(T, "second"), p -> p.status() == ProgramStatus.SUCCESS);
        assertThat(manager.compilationQueuePosition(T, "first")).isZero();
        assertThat(manager.compilationQueuePosition(T, "second")).isZero();
    }

    @Test
    void restartBringsRunningPipelinesBackWithEmptyState(@TempDir Path dir) {
        manager.close();
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        manager = fastManager(url);
        manager.createProgram(T, new ProgramSpec("orders", "", SQL));
        manager.createPipeline(T, new PipelineSpec("p1", "", "orders", null));
        manager.startPipeline(T, "p1");
        awaitStatus("p1", PipelineStatus.RUNNING);
        manager.close();

        manager = fastManager(url);
        await(() -> manager.counters().localPipelines(), n -> n == 1);
        assertThat(awaitStatus("p1", PipelineStatus.RUNNING).desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(manager.pipelineStats(T, "p1").totalInputRecords()).isZero();
    }

    @Test
    void healthReportsDatabaseAndBackgroundLoops() {
        ManagerHealth health = manager.health();
        assertThat(health.isUp()).as("%s", health.details()).isTrue();
        assertThat(health.details()).isEmpty();
    }

    @Test
    void validateReturnsDiagnosticsWithoutStoringAnything() {
        ProgramValidation ok = manager.validateProgram(T, SQL);
        assertThat(ok.status()).isEqualTo(ProgramStatus.SUCCESS);
        ProgramValidation bad = manager.validateProgram(T, "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT nope FROM t;");
        assertThat(bad.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(bad.diagnostics()).isNotEmpty();
        assertThat(bad.diagnostics().get(0).range().startLine()).isEqualTo(2);
        assertThat(manager.listPrograms(T)).isEmpty();
    }

    Pipeline awaitStatus(String pipeline, PipelineStatus status) {
        return await(() -> manager.getPipeline(T, pipeline), p -> p.status() == status);
    }

    /** Reads until the value is done (at most 30 s) and returns it. */
    static <V> V await(Supplier<V> read, Predicate<V> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(read::get, done);
    }

    static void assertCode(Runnable action, ErrorCode code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
