package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code --dev}: files of a watched directory become programs and running pipelines, and follow every change. */
class DevModeTest {

    static final Caller T = Caller.unauthenticated();
    static final String V1 = "CREATE TABLE orders (id INT, amount INT);\n"
            + "CREATE MATERIALIZED VIEW total AS SELECT SUM(amount) AS s FROM orders;\n";
    static final String V2 = "CREATE TABLE orders (id INT, amount INT);\n"
            + "CREATE MATERIALIZED VIEW total AS SELECT SUM(amount) AS s, COUNT(*) AS n FROM orders;\n";

    @TempDir
    Path dir;
    @TempDir
    Path db;

    PipelineManager manager;
    StringWriter log = new StringWriter();
    DevMode dev;

    @BeforeEach
    void start() {
        manager = PipelineManager.builder().environment(Map.of()).property("pm.db.url", CliRun.h2Url(db))
                .property("pm.compiler.poll-interval-ms", "50").property("pm.runner.reconcile-interval-ms", "50")
                .build();
    }

    @AfterEach
    void stop() {
        if (dev != null) {
            dev.close();
        }
        manager.close();
    }

    private void watch() {
        dev = DevMode.start(manager, dir, new PrintWriter(log, true));
    }

    private PipelineStatus status(String pipeline) {
        return manager.getPipeline(T, pipeline).status();
    }

    @Test
    void aFileBecomesAProgramAndARunningPipelineAndEveryEditRestartsIt() throws Exception {
        Files.writeString(dir.resolve("shop.sql"), V1);   // present before the watcher starts
        watch();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("shop.sql: program shop compiled; running shop"));
        assertThat(status("shop")).isEqualTo(PipelineStatus.RUNNING);
        assertThat(manager.getProgram(T, "shop").code()).isEqualTo(V1);

        Files.writeString(dir.resolve("shop.sql"), V2);
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getProgram(T, "shop").version() == 2
                && status("shop") == PipelineStatus.RUNNING
                && log.toString().contains("updated program shop, stopped shop"));
        assertThat(manager.getPipeline(T, "shop").programVersion()).isEqualTo(2L);
        assertThat(manager.query(T, "shop", "SELECT n FROM total").rows()).isNotNull();

        // A file that appears while watching.
        Files.writeString(dir.resolve("other.sql"), V1);
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("other.sql: program other compiled; running other"));
        assertThat(status("other")).isEqualTo(PipelineStatus.RUNNING);
        assertThat(status("shop")).isEqualTo(PipelineStatus.RUNNING);
    }

    @Test
    void anEditThatDoesNotCompileStopsThePipelineUntilTheNextGoodEdit() throws Exception {
        Files.writeString(dir.resolve("shop.sql"), V1);
        watch();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("running shop"));

        Files.writeString(dir.resolve("shop.sql"), "CREATE TABLE orders (id INT);\nCREATE VIEW v AS SELECT nope FROM orders;\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("program shop SQL_ERROR"));
        assertThat(log.toString()).contains("shop will start when it compiles");
        assertThat(manager.getProgram(T, "shop").status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(status("shop")).isEqualTo(PipelineStatus.STOPPED);

        Files.writeString(dir.resolve("shop.sql"), V2);
        await().atMost(Duration.ofSeconds(60)).until(() -> manager.getProgram(T, "shop").status() == ProgramStatus.SUCCESS
                && status("shop") == PipelineStatus.RUNNING);
    }

    @Test
    void deletingTheFileRemovesItsPipelinesAndProgram() throws Exception {
        Files.writeString(dir.resolve("shop.sql"), V1);
        Files.writeString(dir.resolve("notes.txt"), "not SQL");
        watch();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("running shop"));
        assertThat(manager.listPrograms(T)).extracting(p -> p.name()).containsExactly("shop");

        Files.delete(dir.resolve("shop.sql"));
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("deleted program shop and shop"));
        assertThatThrownBy(() -> manager.getProgram(T, "shop"))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UnknownProgram));
        assertThat(manager.listPipelines(T)).isEmpty();
    }

    @Test
    void aFileNameThatIsNoProgramNameIsReportedAndTheWatcherGoesOn() throws Exception {
        watch();
        Files.writeString(dir.resolve("-bad name.sql"), V1);
        await().atMost(Duration.ofSeconds(30)).until(() -> log.toString().contains("-bad name.sql: A name must be"));
        Files.writeString(dir.resolve("good.sql"), V1);
        await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("running good"));
    }

    @Test
    void aDirectoryThatIsNotThereIsAUsageError() {
        CliRun run = CliRun.run("--dev", dir.resolve("absent").toString(), "--db-url", CliRun.h2Url(db));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--dev").contains("not a readable directory");
    }
}
