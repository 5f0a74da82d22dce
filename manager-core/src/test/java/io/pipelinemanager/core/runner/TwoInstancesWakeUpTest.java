package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.SQL;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL database: {@code api} only serves requests (no background work), {@code worker}
 * compiles and runs. A change made through {@code api} wakes {@code worker}'s loops by LISTEN/NOTIFY; when the
 * listening connection dies the worker falls back to polling until it listens again.
 */
class TwoInstancesWakeUpTest {

    /** The application name of the worker's listening connection (the manager's own, see PostgresWakeups). */
    private static final String LISTENER = "pipeline-manager-listener";

    private String url;
    private PipelineManager api;
    private PipelineManager worker;

    @BeforeEach
    void open() {
        url = TestDatabases.requirePostgresDatabase();
        api = instance("api", false, WakeUpEndToEndTest.TEN_MINUTES);
    }

    @AfterEach
    void close() throws SQLException {
        TestDatabases.allowConnections(url, true);
        if (worker != null) {
            worker.close();
        }
        api.close();
        TestDatabases.dropPostgresDatabase(url);
    }

    private PipelineManager instance(String id, boolean background, String pollMillis) {
        return PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.db.user", "postgres").property("pm.instance-id", id)
                .property("pm.background-work", String.valueOf(background))
                .property("pm.checkpoint.directory", Path.of("target", "wakeup-test", id).toAbsolutePath().toString())
                .property("pm.compiler.poll-interval-ms", pollMillis)
                .property("pm.runner.reconcile-interval-ms", pollMillis)
                .build();
    }

    /** Waits until the worker listens (its health has no {@code wakeups} detail). */
    private void awaitListening() {
        await(() -> worker.health().details(), details -> !details.containsKey("wakeups"));
    }

    @Test
    void changesThroughOneInstanceWakeTheOther() {
        // Ten-minute polls: within the 30 s waits, only notifications can wake the worker.
        worker = instance("worker", true, WakeUpEndToEndTest.TEN_MINUTES);
        awaitListening();

        api.createProgram(T, new ProgramSpec("orders", "", SQL));
        assertThat(await(() -> api.getProgram(T, "orders"), p -> p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
        assertThat(worker.counters().compilations()).isEqualTo(1);

        api.createPipeline(T, new PipelineSpec("p", "", "orders", null));
        api.startPipeline(T, "p");
        await(() -> api.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
        assertThat(worker.counters().localPipelines()).isEqualTo(1);
        api.shutdownPipeline(T, "p");
        await(() -> api.getPipeline(T, "p"), p -> p.status() == PipelineStatus.STOPPED);
    }

    @Test
    void withoutItsListeningConnectionAnInstanceFallsBackToPolling() throws SQLException {
        worker = instance("worker", true, "300");
        awaitListening();
        api.createProgram(T, new ProgramSpec("orders", "", SQL));
        api.createPipeline(T, new PipelineSpec("p", "", "orders", null));

        // New connections are refused (the pools' open ones stay) and the listening session is killed.
        TestDatabases.allowConnections(url, false);
        assertThat(TestDatabases.terminateSessions(url, LISTENER)).isEqualTo(1);
        await(() -> worker.health().details(), details -> details.containsKey("wakeups"));

        // Polling still gets the work done.
        api.startPipeline(T, "p");
        await(() -> api.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
        assertThat(worker.health().details()).containsKey("wakeups");
        assertThat(worker.health().isUp()).as("polling is degraded, not down").isTrue();

        TestDatabases.allowConnections(url, true);
        awaitListening();
        api.shutdownPipeline(T, "p");
        await(() -> api.getPipeline(T, "p"), p -> p.status() == PipelineStatus.STOPPED);
    }
}
