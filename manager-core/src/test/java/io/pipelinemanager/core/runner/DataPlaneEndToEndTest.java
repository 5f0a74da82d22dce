package io.pipelinemanager.core.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.IngressResult;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.OnRuntimeError;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.assertCode;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data plane through the facade: ingress (JSON, CSV), egress, snapshot queries, stats and failures. */
class DataPlaneEndToEndTest {

    private static final String SQL = """
            CREATE TABLE orders (id INT NOT NULL, customer VARCHAR(20), amount DECIMAL(10, 2), PRIMARY KEY (id));
            CREATE MATERIALIZED VIEW totals AS
              SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer;
            CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount > 100;
            CREATE VIEW ratio AS SELECT id, 100 / (id - 13) AS r FROM orders;
            """;
    /** Keeps decimals exactly as written, so the test sees the scale the engine produced. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private PipelineManager manager;

    @BeforeEach
    void open() {
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
        manager.createProgram(T, new ProgramSpec("shop", "", SQL));
        assertThat(await(() -> manager.getProgram(T, "shop"), p -> p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private void startPipeline(String name, PipelineConfig config) {
        manager.createPipeline(T, new PipelineSpec(name, "", "shop", config));
        manager.startPipeline(T, name);
        await(() -> manager.getPipeline(T, name), p -> p.status() == PipelineStatus.RUNNING);
    }

    @Test
    void changesFlowFromIngressToEgressAndQueries() throws Exception {
        startPipeline("p", null);
        try (ChangeStream totals = manager.subscribe(T, "p", "totals", true);
             ChangeStream big = manager.subscribe(T, "p", "BIG", false)) {
            assertThat(next(totals).get("snapshot").asBoolean()).isTrue();

            IngressResult json = push("orders", "json", """
                    {"insert": {"id": 1, "customer": "ann", "amount": 150.00}}
                    {"insert": {"id": 2, "customer": "bob", "amount": 20.5}}
                    {"insert": {"ID": 3, "Customer": "ann", "amount": 5}}
                    """);
            assertThat(json.records()).isEqualTo(3);
            assertThat(changes(next(totals))).containsExactlyInAnyOrder(
                    "insert {\"customer\":\"ann\",\"total\":155.00,\"n\":2}",
                    "insert {\"customer\":\"bob\",\"total\":20.50,\"n\":1}");
            assertThat(changes(next(big))).containsExactly("insert {\"id\":1,\"amount\":150.00}");

            push("orders", "csv", "4,\"bob, jr\",300\r\n");
            push("orders", "json", "[{\"delete\": {\"id\": 1, \"customer\": \"ann\", \"amount\": 150.00}}]");
            // Both requests may land in one step (batching) or in two: collect until all changes arrived.
            List<String> later = new ArrayList<>();
            while (later.size() < 3) {
                later.addAll(changes(next(totals)));
            }
            assertThat(later).containsExactlyInAnyOrder(
                    "insert {\"customer\":\"bob, jr\",\"total\":300.00,\"n\":1}",
                    "delete {\"customer\":\"ann\",\"total\":155.00,\"n\":2}",
                    "insert {\"customer\":\"ann\",\"total\":5.00,\"n\":1}");
        }

        QueryResult q = manager.query(T, "p", "SELECT customer, total FROM totals ORDER BY total DESC");
        assertThat(q.columns()).extracting(c -> c.name().toLowerCase()).containsExactly("customer", "total");
        assertThat(q.rows()).containsExactly(List.of("bob, jr", new BigDecimal("300.00")),
                List.of("bob", new BigDecimal("20.50")), List.of("ann", new BigDecimal("5.00")));
        assertThat(manager.query(T, "p", "SELECT COUNT(*) FROM orders").rows()).containsExactly(List.of(3L));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        manager.writeQuery(T, "p", "SELECT customer, total FROM totals ORDER BY total", DataFormat.CSV, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8))
                .isEqualTo("customer,total\r\nann,5.00\r\nbob,20.50\r\n\"bob, jr\",300.00\r\n");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        manager.writeQuery(T, "p", "SELECT customer, total FROM totals ORDER BY total DESC LIMIT 1", DataFormat.JSON, json);
        assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo("{\"customer\":\"bob, jr\",\"total\":300.00}\n");
        assertCode(() -> manager.query(T, "p", "SELECT * FROM big"), ErrorCode.InvalidQuery);
        assertCode(() -> manager.query(T, "p", "SELECT nope FROM orders"), ErrorCode.InvalidQuery);

        PipelineStats stats = manager.pipelineStats(T, "p");
        assertThat(stats.totalInputRecords()).isEqualTo(5);
        assertThat(stats.processedRecords()).isEqualTo(5);
        assertThat(stats.tableInputRecords()).containsEntry("orders", 5L);
        assertThat(stats.steps()).isBetween(2L, 3L);
        assertThat(stats.stateEntries()).isPositive();
    }

    @Test
    void badInputAppliesNothingAndIsCounted() throws Exception {
        startPipeline("p", null);
        assertParseError("json", "{\"insert\": {\"id\": 1}}\n{\"insert\": {\"id\": \"x\"}}\n", 2, "id");
        assertParseError("json", "{\"insert\": {\"id\": 1, \"color\": \"red\"}}", 1, "color");
        assertParseError("json", "{\"insert\": {\"customer\": \"no id\"}}", 1, "id");
        assertParseError("json", "{\"insert\": {\"id\": 1}}\n{\"insert\": {\"id\": 2", 2, null);
        assertParseError("csv", "1,ann,1\n2,bob\n", 2, null);
        assertParseError("json", "{\"insert\": {\"id\": 1, \"customer\": \"" + "x".repeat(21) + "\"}}", 1, "customer");
        assertCode(() -> push("nope", "json", "{}"), ErrorCode.UnknownTable);
        assertCode(() -> push("orders", "xml", "<a/>"), ErrorCode.InvalidRequest);
        // Nothing is applied: the table stays empty for longer than the pipeline's batch delay.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> manager.query(T, "p", "SELECT COUNT(*) FROM orders").rows().equals(List.of(List.of(0L))));
        assertThat(manager.pipelineStats(T, "p").tableParseErrors()).containsEntry("orders", 6L);
    }

    @Test
    void pausedPipelineBuffersUntilFullThenRefuses() throws Exception {
        startPipeline("p", new PipelineConfig(1, 10, 0, 10));
        manager.pausePipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), x -> x.status() == PipelineStatus.PAUSED);
        push("orders", "csv", "1,a,1\n2,b,2\n3,c,3\n4,d,4\n5,e,5\n6,f,6\n7,g,7\n8,h,8\n");
        assertCode(() -> push("orders", "csv", "9,i,9\n10,j,10\n11,k,11\n"), ErrorCode.BackPressure);
        // Paused: no step runs, however long the records wait.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> manager.pipelineStats(T, "p").steps() == 0);
        assertThat(manager.pipelineStats(T, "p").bufferedInputRecords()).isEqualTo(8);
        manager.startPipeline(T, "p");
        await(() -> manager.pipelineStats(T, "p"), s -> s.processedRecords() == 8);
        assertThat(manager.query(T, "p", "SELECT COUNT(*) FROM orders").rows()).containsExactly(List.of(8L));
    }

    @Test
    void runtimeErrorRejectsTheRequestAndThePipelineKeepsRunning() throws Exception {
        startPipeline("p", null);
        try (ChangeStream totals = manager.subscribe(T, "p", "totals", true)) {
            next(totals);
            push("orders", "json", "{\"insert\": {\"id\": 1, \"customer\": \"ann\", \"amount\": 5}}");
            assertThat(changes(next(totals))).containsExactly("insert {\"customer\":\"ann\",\"total\":5.00,\"n\":1}");
            // View ratio divides by id - 13: the whole request is set aside, its good record too.
            push("orders", "json", """
                    {"insert": {"id": 12, "customer": "bob", "amount": 2}}
                    {"insert": {"id": 13, "customer": "cy", "amount": 3}}
                    """);
            await(() -> manager.pipelineStats(T, "p"), s -> s.rejectedBatches() == 1);
            push("orders", "json", "{\"insert\": {\"id\": 14, \"customer\": \"ann\", \"amount\": 1}}");
            assertThat(changes(next(totals))).containsExactlyInAnyOrder(
                    "delete {\"customer\":\"ann\",\"total\":5.00,\"n\":1}",
                    "insert {\"customer\":\"ann\",\"total\":6.00,\"n\":2}");
        }
        assertThat(manager.getPipeline(T, "p").status()).isEqualTo(PipelineStatus.RUNNING);
        assertThat(manager.query(T, "p", "SELECT id FROM orders ORDER BY id").rows())
                .containsExactly(List.of(1L), List.of(14L));
        PipelineStats stats = manager.pipelineStats(T, "p");
        assertThat(stats.rejectedBatches()).isEqualTo(1);
        assertThat(stats.rejectedRecords()).isEqualTo(2);
        assertThat(stats.droppedRejectedBatches()).isZero();
        assertThat(stats.processedRecords()).isEqualTo(2);

        List<RejectedBatch> rejected = manager.listRejectedBatches(T, "p");
        assertThat(rejected).hasSize(1);
        RejectedBatch batch = rejected.get(0);
        assertThat(batch.table()).isEqualTo("orders");
        assertThat(batch.errorCode()).isEqualTo("DIVISION_BY_ZERO");
        assertThat(batch.views()).containsExactly("ratio");
        assertThat(batch.failingRow()).containsExactly("13", "cy", "3.00");
        assertThat(manager.getRejectedBatch(T, "p", 1)).isEqualTo(batch);
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        assertThat(manager.writeRejectedBatch(T, "p", 1, records)).isEqualTo(batch);
        assertThat(records.toString(StandardCharsets.UTF_8).lines().sorted().toList()).containsExactly(
                "{\"insert\":{\"id\":12,\"customer\":\"bob\",\"amount\":2.00}}",
                "{\"insert\":{\"id\":13,\"customer\":\"cy\",\"amount\":3.00}}");
        assertCode(() -> manager.getRejectedBatch(T, "p", 2), ErrorCode.UnknownRejectedBatch);

        // A typed push that is rejected: its waiter learns it.
        PushResult bad = manager.insert(T, "p", "orders", List.of(Map.of("id", 13, "customer", "dan", "amount", 1)));
        assertThatThrownBy(() -> manager.awaitApplied(T, "p", bad, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BatchRejected);
                    assertThat(e.details()).containsEntry("rejected_batch", 2L);
                });
    }

    @Test
    void runtimeErrorWithOnRuntimeErrorFailFailsThePipelineNamingTheView() throws Exception {
        startPipeline("p", PipelineConfig.DEFAULT.withOnRuntimeError(OnRuntimeError.FAIL));
        try (ChangeStream ratio = manager.subscribe(T, "p", "ratio", false)) {
            push("orders", "json", "{\"insert\": {\"id\": 13, \"customer\": \"x\", \"amount\": 1}}");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ratio.writeNext(out, Duration.ofSeconds(10))).isEqualTo(ChangeStream.Poll.END);
            assertThat(ratio.error().code()).isEqualTo(ErrorCode.RuntimeError);
        }
        Pipeline failed = await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.RuntimeError);
        assertThat(failed.error().message()).containsIgnoringCase("ratio");
        assertCode(() -> push("orders", "json", "{}"), ErrorCode.PipelineNotRunning);
    }

    @Test
    void slowSubscriberIsDisconnectedWithoutStallingThePipeline() throws Exception {
        manager.close();
        manager = PipelineManager.builder().environment(java.util.Map.of()).property("pm.db.url", TestDatabases.h2Url())
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .property("pm.egress.queue-steps", "2").build();
        manager.createProgram(T, new ProgramSpec("shop", "", SQL));
        await(() -> manager.getProgram(T, "shop"), p -> p.status() == ProgramStatus.SUCCESS);
        startPipeline("p", new PipelineConfig(1, 1, 0, 1000));
        try (ChangeStream slow = manager.subscribe(T, "p", "totals", false)) {
            for (int i = 0; i < 5; i++) {
                push("orders", "csv", i + ",c" + i + ",1\n");
                int expected = i + 1;
                await(() -> manager.pipelineStats(T, "p"), s -> s.processedRecords() == expected);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(slow.writeNext(out, Duration.ofSeconds(5))).isEqualTo(ChangeStream.Poll.END);
            assertThat(slow.error().code()).isEqualTo(ErrorCode.BackPressure);
        }
        assertThat(manager.getPipeline(T, "p").status()).isEqualTo(PipelineStatus.RUNNING);
    }

    private IngressResult push(String table, String format, String body) {
        try {
            return manager.ingress(T, "p", table, DataFormat.fromName(format), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertParseError(String format, String body, long record, String column) {
        try {
            push("orders", format, body);
            throw new AssertionError("accepted: " + body);
        } catch (ManagerException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.ParseError);
            assertThat(e.details().get("record")).as(e.getMessage()).isEqualTo(record);
            if (column != null) {
                assertThat(String.valueOf(e.details().get("column"))).as(e.getMessage()).isEqualToIgnoringCase(column);
            }
            assertThat(e.getMessage()).contains(String.valueOf(record));
        }
    }

    static JsonNode next(ChangeStream stream) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(stream.writeNext(out, Duration.ofSeconds(10))).isEqualTo(ChangeStream.Poll.CHANGES);
        return JSON.readTree(out.toByteArray());
    }

    static List<String> changes(JsonNode step) {
        List<String> out = new ArrayList<>();
        step.get("changes").forEach(c -> {
            String kind = c.has("insert") ? "insert" : "delete";
            out.add(kind + " " + lower(c.get(kind)));
        });
        return out;
    }

    private static String lower(JsonNode row) {
        StringBuilder b = new StringBuilder("{");
        row.fields().forEachRemaining(f -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(f.getKey().toLowerCase()).append("\":").append(f.getValue());
        });
        return b.append('}').toString();
    }
}
