package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits that hold under abuse, through the facade: pipelines beyond the instance's capacity, open
 * change streams per instance, streams ended by a manager shutdown, and the data plane of running
 * pipelines during a database outage.
 */
class EgressAndCapacityEndToEndTest {

    /** A table of orders and a materialized view of totals per customer. */
    static final String SQL = """
            CREATE TABLE orders (id INT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2));
            CREATE MATERIALIZED VIEW totals AS
              SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer;
            """;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<PipelineManager> managers = new ArrayList<>();

    @AfterEach
    void close() {
        managers.forEach(PipelineManager::close);
    }

    private PipelineManager manager(Map<String, String> properties, String url) {
        var builder = PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20");
        properties.forEach(builder::property);
        PipelineManager m = builder.build();
        managers.add(m);
        return m;
    }

    private static void compile(PipelineManager m) {
        m.createProgram(T, new ProgramSpec("shop", "", SQL));
        await().atMost(WAIT).until(() -> m.getProgram(T, "shop").status() == ProgramStatus.SUCCESS);
    }

    private static void run(PipelineManager m, String pipeline) {
        m.createPipeline(T, new PipelineSpec(pipeline, "", "shop", null));
        m.startPipeline(T, pipeline);
        await().atMost(WAIT).until(() -> m.getPipeline(T, pipeline).status() == PipelineStatus.RUNNING);
    }

    private static void ingest(PipelineManager m, String pipeline, int id) throws Exception {
        String body = "{\"insert\": {\"id\": " + id + ", \"customer\": \"c\", \"amount\": 1.50}}\n";
        m.ingress(T, pipeline, "orders", DataFormat.JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStartBeyondCapacityIsRefusedAndEveryRunningPipelineSteps() throws Exception {
        PipelineManager m = manager(Map.of("pm.runner.max-pipelines", "2"), TestDatabases.h2Url());
        compile(m);
        run(m, "p1");
        run(m, "p2");
        m.createPipeline(T, new PipelineSpec("p3", "", "shop", null));
        assertCode(() -> m.startPipeline(T, "p3"), ErrorCode.CapacityExceeded);
        assertThat(m.getPipeline(T, "p3").desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        for (String p : List.of("p1", "p2")) {
            ingest(m, p, 1);
            await().atMost(WAIT).until(() -> m.pipelineStats(T, p).processedRecords() == 1);
        }
        m.shutdownPipeline(T, "p2");
        await().atMost(WAIT).until(() -> m.getPipeline(T, "p2").status() == PipelineStatus.STOPPED);
        m.startPipeline(T, "p3");
        await().atMost(WAIT).until(() -> m.getPipeline(T, "p3").status() == PipelineStatus.RUNNING);
    }

    @Test
    void theReconcilerNeverClaimsAPipelineItCannotRun() throws Exception {
        String url = TestDatabases.h2Url();
        // An API-only instance accepts three starts; the instance that runs pipelines has room for two.
        PipelineManager api = manager(Map.of("pm.background-work", "false", "pm.runner.max-pipelines", "3"), url);
        PipelineManager worker = manager(Map.of("pm.runner.max-pipelines", "2"), url);
        compile(api);
        for (String p : List.of("p1", "p2", "p3")) {
            api.createPipeline(T, new PipelineSpec(p, "", "shop", null));
            api.startPipeline(T, p);
        }
        await().atMost(WAIT).until(() -> worker.counters().localPipelines() == 2);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> worker.counters().localPipelines() == 2
                && api.listPipelines(T).stream().filter(p -> p.status() == PipelineStatus.RUNNING).count() == 2);
        Pipeline waiting = api.listPipelines(T).stream().filter(p -> p.status() != PipelineStatus.RUNNING)
                .findFirst().orElseThrow();
        assertThat(waiting.status()).isEqualTo(PipelineStatus.STOPPED);
        for (Pipeline p : api.listPipelines(T)) {
            if (p.status() == PipelineStatus.RUNNING) {
                ingest(worker, p.name(), 7);
                await().atMost(WAIT).until(() -> worker.pipelineStats(T, p.name()).processedRecords() == 1);
            }
        }
    }

    @Test
    void openStreamsAreCountedAndCappedPerInstance() {
        PipelineManager m = manager(Map.of("pm.egress.max-subscriptions", "3"), TestDatabases.h2Url());
        compile(m);
        run(m, "p1");
        run(m, "p2");
        List<ChangeStream> open = new ArrayList<>();
        open.add(m.subscribe(T, "p1", "totals", false));
        open.add(m.subscribe(T, "p1", "totals", true));
        open.add(m.subscribe(T, "p2", "totals", false));
        assertThat(m.counters().egressSubscriptions()).isEqualTo(3);
        assertCode(() -> m.subscribe(T, "p2", "totals", false), ErrorCode.BackPressure);
        assertThat(m.counters().egressSubscriptions()).isEqualTo(3);
        open.remove(0).close();
        open.add(m.subscribe(T, "p2", "totals", false));
        open.forEach(ChangeStream::close);
        open.forEach(ChangeStream::close);
        assertThat(m.counters().egressSubscriptions()).isZero();
    }

    @Test
    void aManagerShutdownEndsStreamsWithShuttingDownAndAPipelineShutdownEndsThemCleanly() throws Exception {
        PipelineManager m = manager(Map.of(), TestDatabases.h2Url());
        compile(m);
        run(m, "p1");
        run(m, "p2");
        try (ChangeStream stopped = m.subscribe(T, "p1", "totals", false);
             ChangeStream cut = m.subscribe(T, "p2", "totals", false)) {
            m.shutdownPipeline(T, "p1");
            assertThat(drain(stopped)).isEqualTo(ChangeStream.Poll.END);
            assertThat(stopped.error()).isNull();
            m.close();
            assertThat(drain(cut)).isEqualTo(ChangeStream.Poll.END);
            assertThat(cut.error().code()).isEqualTo(ErrorCode.ShuttingDown);
        }
    }

    @Test
    void runningPipelinesKeepTheirDataPlaneWhileTheDatabaseIsDown() throws Exception {
        SwitchableDataSource database = new SwitchableDataSource(TestDatabases.h2Url());
        PipelineManager m = PipelineManager.builder().environment(Map.of()).dataSource(database)
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .property("pm.db.retry-attempts", "1").build();
        managers.add(m);
        compile(m);
        run(m, "p1");
        String id = m.getPipeline(T, "p1").id().toString();
        Caller other = Caller.host("other", "eve", Role.ADMIN);
        assertCode(() -> m.pipelineStats(other, "p1"), ErrorCode.UnknownPipeline);
        assertCode(() -> m.pipelineStats(other, id), ErrorCode.UnknownPipeline);

        database.switchOn(false);
        assertCode(() -> m.getPipeline(T, "p1"), ErrorCode.DatabaseUnavailable);
        try (ChangeStream totals = m.subscribe(T, id, "totals", false)) {
            ingest(m, "p1", 1);
            ingest(m, id, 2);
            await().atMost(WAIT).until(() -> m.pipelineStats(T, "p1").processedRecords() == 2);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            assertThat(totals.writeNext(line, WAIT)).isEqualTo(ChangeStream.Poll.CHANGES);
            assertThat(line.toString(StandardCharsets.UTF_8)).contains("\"total\"");
            assertThat(m.query(T, "p1", "SELECT n FROM totals").rows()).hasSize(1);
            assertThat(m.pipelineStats(T, id).status()).isEqualTo(PipelineStatus.RUNNING);
            // A reference that is not running here still needs the database.
            assertCode(() -> m.pipelineStats(other, "p1"), ErrorCode.DatabaseUnavailable);
        } finally {
            database.switchOn(true);
        }
    }

    @Test
    void afterARestartStateSinceSaysTheInMemoryStateIsNew(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        PipelineManager first = manager(Map.of(), url);
        compile(first);
        first.createPipeline(T, new PipelineSpec("p1", "", "shop", null));
        assertThat(first.getPipeline(T, "p1").stateSince()).isNull();
        first.startPipeline(T, "p1");
        await().atMost(WAIT).until(() -> first.getPipeline(T, "p1").status() == PipelineStatus.RUNNING);
        Instant began = first.getPipeline(T, "p1").stateSince();
        assertThat(began).isNotNull();
        assertThat(first.pipelineStats(T, "p1").stateSince()).isNotNull();
        first.pausePipeline(T, "p1");
        await().atMost(WAIT).until(() -> first.getPipeline(T, "p1").status() == PipelineStatus.PAUSED);
        assertThat(first.getPipeline(T, "p1").stateSince()).as("pausing keeps the state").isEqualTo(began);
        first.startPipeline(T, "p1");
        await().atMost(WAIT).until(() -> first.getPipeline(T, "p1").status() == PipelineStatus.RUNNING);
        first.close();
        managers.remove(first);

        Instant restarted = Instant.now();
        PipelineManager second = manager(Map.of(), url);
        await().atMost(WAIT).until(() -> second.counters().localPipelines() == 1
                && second.getPipeline(T, "p1").status() == PipelineStatus.RUNNING);
        Pipeline after = second.getPipeline(T, "p1");
        assertThat(after.stateSince()).isAfter(restarted).isAfter(began);
        assertThat(second.pipelineStats(T, "p1").stateSince()).isAfter(restarted);
        second.shutdownPipeline(T, "p1");
        await().atMost(WAIT).until(() -> second.getPipeline(T, "p1").status() == PipelineStatus.STOPPED);
        assertThat(second.getPipeline(T, "p1").stateSince()).isNull();
    }

    /** Reads the stream until it ends (or the wait runs out) and returns the last poll. */
    private static ChangeStream.Poll drain(ChangeStream stream) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ChangeStream.Poll poll;
        do {
            poll = stream.writeNext(new ByteArrayOutputStream(), Duration.ofMillis(200));
        } while (poll != ChangeStream.Poll.END && System.nanoTime() < deadline);
        return poll;
    }
}
