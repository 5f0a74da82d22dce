package io.pipelinemanager.war.it.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinemanager.war.it.support.ApiClient.Reply;
import io.pipelinemanager.war.it.support.GeneratedRecords;
import io.pipelinemanager.war.it.support.LineStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data plane over HTTP (on each server, by a subclass that says where it is): compile, start, ingress (JSON, CSV, a large streamed body),
 * NDJSON egress, snapshot queries, stats, pause/resume, shutdown, and every data-plane error code.
 */
public abstract class DataPlaneTests extends ServerTests {

    /** A program with a table, a materialized view and a view. */
    public static final String SHOP = """
            CREATE TABLE orders (id INT NOT NULL, customer VARCHAR(20), amount DECIMAL(10, 2), PRIMARY KEY (id));
            CREATE MATERIALIZED VIEW totals AS
              SELECT customer, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer;
            CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount > 100;
            """;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Keeps decimals exactly as the server wrote them (155.00 stays 155.00). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    @Test
    public void programToPipelineToChangesQueriesStatsAndShutdown() throws Exception {
        int programsBefore = api.get("api/programs").json().size();
        Reply valid = api.post("api/programs/validate", Map.of("code", SHOP));
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.json().get("status").asText()).isEqualTo("SUCCESS");
        List<String> views = new ArrayList<>();
        valid.json().get("schema").get("views").forEach(v -> views.add(v.get("name").asText().toLowerCase(Locale.ROOT)));
        assertThat(views).containsExactlyInAnyOrder("totals", "big");
        Reply invalid = api.post("api/programs/validate", Map.of("code", "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT nope FROM t;"));
        assertThat(invalid.json().get("status").asText()).isEqualTo("SQL_ERROR");
        assertThat(invalid.json().get("diagnostics").get(0).get("range").get("start_line").asInt()).isEqualTo(2);
        assertThat(api.get("api/programs").json().size()).as("validate stores nothing").isEqualTo(programsBefore);
        assertError(api.post("api/programs/validate", "{}"), 400, "InvalidRequest");
        assertError(api.post("api/programs/validate", Map.of("code", "-".repeat((1 << 20) + 1))), 413, "CodeTooLarge");

        Reply created = api.post("api/programs", Map.of("name", "shop-" + suffix, "code", SHOP));
        assertThat(created.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(created.json().get("compilation_queue_position").asInt()).as("waiting to be compiled").isPositive();
        JsonNode compiled = api.awaitStatus("api/programs/shop-" + suffix, "SUCCESS");
        assertThat(compiled.get("compilation_queue_position").asInt()).isZero();
        String pipeline = startPipeline("shop-" + suffix, "run-" + suffix, Map.of());

        try (LineStream totals = api.openLines(pipeline + "/egress/TOTALS?snapshot=true")) {
            assertThat(totals.status()).isEqualTo(200);
            assertThat(totals.contentType()).startsWith("application/x-ndjson");
            JsonNode snapshot = JSON.readTree(totals.next(WAIT));
            assertThat(snapshot.get("snapshot").asBoolean()).isTrue();
            assertThat(snapshot.get("changes").size()).isZero();

            Reply json = api.post(pipeline + "/ingress/orders", "application/x-ndjson", """
                    {"insert": {"id": 1, "customer": "ann", "amount": 150.00}}
                    {"insert": {"id": 2, "customer": "bob", "amount": 20.5}}
                    {"insert": {"ID": 3, "Customer": "ann", "amount": 5}}
                    """);
            assertThat(json.status()).as(json.toString()).isEqualTo(200);
            assertThat(json.json().get("records").asLong()).isEqualTo(3);
            assertThat(json.json().get("table").asText()).isEqualToIgnoringCase("orders");
            assertThat(json.json().has("buffered_records")).isTrue();
            assertThat(changes(totals, 2)).containsExactlyInAnyOrder(
                    "insert {\"customer\":\"ann\",\"total\":155.00,\"n\":2}",
                    "insert {\"customer\":\"bob\",\"total\":20.50,\"n\":1}");

            Reply csv = api.post(pipeline + "/ingress/Orders", "text/csv", "4,\"bob, jr\",300\r\n");
            assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
            assertThat(csv.json().get("records").asLong()).isEqualTo(1);
            Reply delete = api.post(pipeline + "/ingress/orders", "application/json",
                    "[{\"delete\": {\"id\": 1, \"customer\": \"ann\", \"amount\": 150.00}}]");
            assertThat(delete.status()).as(delete.toString()).isEqualTo(200);
            // Both requests may land in one step or in two: collect until every change arrived.
            assertThat(changes(totals, 3)).containsExactlyInAnyOrder(
                    "insert {\"customer\":\"bob, jr\",\"total\":300.00,\"n\":1}",
                    "delete {\"customer\":\"ann\",\"total\":155.00,\"n\":2}",
                    "insert {\"customer\":\"ann\",\"total\":5.00,\"n\":1}");

            Reply rows = api.getAny(pipeline + "/query?sql=" + encode("SELECT customer, total FROM totals ORDER BY total DESC"));
            assertThat(rows.status()).as(rows.toString()).isEqualTo(200);
            assertThat(rows.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
            assertThat(rows.body().lines().map(DataPlaneTests::lowerKeys)).containsExactly(
                    "{\"customer\":\"bob, jr\",\"total\":300.00}", "{\"customer\":\"bob\",\"total\":20.50}",
                    "{\"customer\":\"ann\",\"total\":5.00}");
            Reply table = api.getAny(pipeline + "/query?format=csv&sql=" + encode("SELECT customer, total FROM totals ORDER BY total"));
            assertThat(table.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(table.body().toLowerCase(Locale.ROOT))
                    .isEqualTo("customer,total\r\nann,5.00\r\nbob,20.50\r\n\"bob, jr\",300.00\r\n");
            Reply text = api.getAny(pipeline + "/query?format=text&sql=" + encode("SELECT COUNT(*) AS c FROM orders"));
            assertThat(text.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(text.body().toLowerCase(Locale.ROOT)).isEqualTo("c\r\n3\r\n");

            JsonNode stats = api.get(pipeline + "/stats").json();
            assertThat(stats.get("status").asText()).isEqualTo("RUNNING");
            assertThat(stats.get("total_input_records").asLong()).isEqualTo(5);
            assertThat(stats.get("processed_records").asLong()).isEqualTo(5);
            assertThat(stats.get("table_input_records").get("orders").asLong()).isEqualTo(5);
            assertThat(stats.get("steps").asLong()).isBetween(2L, 3L);
            assertThat(stats.get("state_entries").asLong()).isPositive();
            assertThat(api.getText("api/metrics").body())
                    .containsPattern("pm_pipeline_processed_records\\{pipeline=\"run-" + suffix + "\"} 5\\.0")
                    .contains("pm_pipeline_steps{pipeline=\"run-" + suffix + "\"}")
                    .contains("pm_pipeline_last_step_latency_seconds{pipeline=\"run-" + suffix + "\"}")
                    .containsPattern("pm_compilations_total [1-9]")
                    .containsPattern("pm_local_pipelines [1-9]");

            assertThat(api.post(pipeline + "/pause").status()).isEqualTo(202);
            api.awaitStatus(pipeline, "PAUSED");
            long steps = api.get(pipeline + "/stats").json().get("steps").asLong();
            assertThat(api.post(pipeline + "/ingress/orders", "text/csv", "5,cy,7\n").status()).isEqualTo(200);
            // Paused: no step runs, however long the record waits.
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> api.get(pipeline + "/stats").json().get("steps").asLong() == steps);
            JsonNode paused = api.get(pipeline + "/stats").json();
            assertThat(paused.get("steps").asLong()).isEqualTo(steps);
            assertThat(paused.get("buffered_input_records").asLong()).isEqualTo(1);
            assertThat(totals.drain()).isEmpty();

            assertThat(api.post(pipeline + "/start").status()).isEqualTo(202);
            api.awaitStatus(pipeline, "RUNNING");
            assertThat(changes(totals, 1)).containsExactly("insert {\"customer\":\"cy\",\"total\":7.00,\"n\":1}");

            assertThat(api.post(pipeline + "/shutdown").status()).isEqualTo(202);
            totals.awaitEnd(WAIT);
            assertThat(totals.drain()).isEmpty(); // no error line: a normal stop
        }
        api.awaitStatus(pipeline, "STOPPED");
        assertError(api.get(pipeline + "/stats"), 409, "PipelineNotRunning");
        assertThat(api.delete(pipeline).status()).isEqualTo(204);
        assertThat(api.delete("api/programs/shop-" + suffix).status()).isEqualTo(204);
    }

    @Test
    public void badRequestsAreRefusedWithTheirErrorCodesAndApplyNothing() {
        api.post("api/programs", Map.of("name", "shop-" + suffix, "code", SHOP));
        api.awaitStatus("api/programs/shop-" + suffix, "SUCCESS");
        String pipeline = startPipeline("shop-" + suffix, "bad-" + suffix, Map.of());

        Reply parse = api.post(pipeline + "/ingress/orders", "application/x-ndjson",
                "{\"insert\": {\"id\": 1}}\n{\"insert\": {\"id\": \"x\"}}\n");
        assertError(parse, 400, "ParseError");
        assertThat(parse.json().get("details").get("record").asLong()).isEqualTo(2);
        assertThat(parse.json().get("details").get("column").asText()).isEqualToIgnoringCase("id");
        Reply csv = api.post(pipeline + "/ingress/orders", "text/csv", "1,ann,1\n2,bob\n");
        assertError(csv, 400, "ParseError");
        assertThat(csv.json().get("details").get("record").asLong()).isEqualTo(2);
        // format= overrides the content type (a JSON one here: text/plain needs an Authorization header).
        assertError(api.post(pipeline + "/ingress/orders?format=csv", "application/json", "1,ann,x\n"), 400, "ParseError");
        assertError(api.post(pipeline + "/ingress/nope", "application/json", "{}"), 404, "UnknownTable");
        assertError(api.post(pipeline + "/ingress/orders?format=xml", "application/json", "<a/>"), 400, "InvalidRequest");
        assertThat(api.send(pipeline + "/ingress/orders", "POST", "application/xml", "<a/>").status()).isEqualTo(415);

        assertError(api.getAny(pipeline + "/egress/nope"), 404, "UnknownView");
        assertError(api.getAny(pipeline + "/egress/big?snapshot=true"), 404, "UnknownView");
        assertError(api.getAny(pipeline + "/query?sql=" + encode("SELECT * FROM big")), 400, "InvalidQuery");
        assertError(api.getAny(pipeline + "/query?sql=" + encode("SELEC nope")), 400, "InvalidQuery");
        assertError(api.getAny(pipeline + "/query"), 400, "InvalidQuery");
        assertError(api.getAny(pipeline + "/query?format=xml&sql=" + encode("SELECT 1")), 400, "InvalidRequest");
        assertError(api.getAny("api/pipelines/nope-" + suffix + "/query?sql=" + encode("SELECT 1")), 404, "UnknownPipeline");

        assertThat(api.getAny(pipeline + "/query?format=csv&sql=" + encode("SELECT COUNT(*) AS c FROM orders")).body())
                .isEqualToIgnoringCase("c\r\n0\r\n");
        assertThat(api.get(pipeline + "/stats").json().get("table_parse_errors").get("orders").asLong()).isEqualTo(3);

        stop(pipeline);
        assertError(api.post(pipeline + "/ingress/orders", "text/csv", "1,a,1\n"), 409, "PipelineNotRunning");
        assertError(api.getAny(pipeline + "/egress/totals"), 409, "PipelineNotRunning");
        assertError(api.getAny(pipeline + "/query?sql=" + encode("SELECT 1")), 409, "PipelineNotRunning");
        assertThat(api.delete(pipeline).status()).isEqualTo(204);
    }

    @Test
    public void failedPipelinesReportTheirErrorAndRefuseToStart() throws Exception {
        api.post("api/programs", Map.of("name", "div-" + suffix,
                "code", "CREATE TABLE t (id INT NOT NULL);\nCREATE VIEW ratio AS SELECT id, 100 / (id - 13) AS r FROM t;"));
        api.awaitStatus("api/programs/div-" + suffix, "SUCCESS");
        String failing = startPipeline("div-" + suffix, "div-" + suffix, Map.of("on_runtime_error", "fail"));
        try (LineStream ratio = api.openLines(failing + "/egress/ratio")) {
            assertThat(api.post(failing + "/ingress/t", "application/json", "{\"insert\": {\"id\": 13}}").status()).isEqualTo(200);
            JsonNode end = JSON.readTree(ratio.next(WAIT));
            assertThat(end.get("error_code").asText()).isEqualTo("RuntimeError");
            ratio.awaitEnd(WAIT);
        }
        JsonNode failed = api.awaitStatus(failing, "FAILED");
        assertThat(failed.get("error").get("error_code").asText()).isEqualTo("RuntimeError");
        assertThat(failed.get("error").get("message").asText()).containsIgnoringCase("ratio");
        assertError(api.post(failing + "/start"), 409, "IllegalTransition");
        assertError(api.post(failing + "/ingress/t", "application/json", "{\"insert\": {\"id\": 1}}"), 409, "PipelineNotRunning");
        stop(failing);

        api.post("api/programs", Map.of("name", "broken-" + suffix, "code", "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT nope FROM t;"));
        api.awaitStatus("api/programs/broken-" + suffix, "SQL_ERROR");
        assertThat(api.post("api/pipelines", Map.of("name", "broken-" + suffix, "program", "broken-" + suffix)).status()).isEqualTo(201);
        assertThat(api.post("api/pipelines/broken-" + suffix + "/start").status()).isEqualTo(202);
        JsonNode broken = api.awaitStatus("api/pipelines/broken-" + suffix, "FAILED");
        assertThat(broken.get("error").get("error_code").asText()).isEqualTo("CannotStartWithCompilationError");
        stop("api/pipelines/broken-" + suffix);

        api.post("api/programs", Map.of("name", "shop-" + suffix, "code", SHOP));
        api.awaitStatus("api/programs/shop-" + suffix, "SUCCESS");
        String small = startPipeline("shop-" + suffix, "small-" + suffix, Map.of("max_batch_records", 10, "max_buffered_records", 10));
        assertThat(api.post(small + "/pause").status()).isEqualTo(202);
        api.awaitStatus(small, "PAUSED");
        assertThat(api.post(small + "/ingress/orders", "text/csv", "1,a,1\n2,b,2\n3,c,3\n4,d,4\n5,e,5\n6,f,6\n7,g,7\n8,h,8\n").status())
                .isEqualTo(200);
        assertError(api.post(small + "/ingress/orders", "text/csv", "9,i,9\n10,j,10\n11,k,11\n"), 429, "BackPressure");
        assertThat(api.get(small + "/stats").json().get("buffered_input_records").asLong()).isEqualTo(8);
        stop(small);
    }

    @Test
    public void keysUpsertAndUpdateRecordsChangeRowsByKeyAndIgnoredChangesAreCounted() {
        api.post("api/programs", Map.of("name", "keys-" + suffix, "code", SHOP
                + "CREATE MATERIALIZED VIEW overall AS SELECT COUNT(*) AS n, SUM(amount) AS s FROM orders;"));
        api.awaitStatus("api/programs/keys-" + suffix, "SUCCESS");
        String pipeline = startPipeline("keys-" + suffix, "keys-" + suffix, Map.of());
        // Over the empty table the global aggregate already has its row.
        assertThat(api.getAny(pipeline + "/query?format=csv&sql=" + encode("SELECT n, s FROM overall")).body())
                .isEqualToIgnoringCase("n,s\r\n0,\r\n");
        assertThat(api.post(pipeline + "/ingress/orders", "application/x-ndjson", """
                {"insert": {"id": 1, "customer": "ann", "amount": 10}}
                {"insert": {"id": 2, "customer": "bob", "amount": 20}}
                """).status()).isEqualTo(200);
        assertThat(api.post(pipeline + "/ingress/orders", "application/json", """
                [{"insert": {"id": 1, "customer": "ann", "amount": 15}},
                 {"update": {"id": 2, "amount": 25}},
                 {"update": {"id": 3, "amount": 1}},
                 {"delete": {"id": 4}}]
                """).status()).isEqualTo(200);
        api.await(pipeline + "/stats", s -> s.get("processed_records").asLong() == 6, WAIT);
        assertThat(api.getAny(pipeline + "/query?format=csv&sql="
                + encode("SELECT id, customer, amount FROM orders ORDER BY id")).body())
                .isEqualToIgnoringCase("id,customer,amount\r\n1,ann,15.00\r\n2,bob,25.00\r\n");
        JsonNode stats = api.get(pipeline + "/stats").json();
        assertThat(stats.get("table_ignored_updates").get("orders").asLong()).isEqualTo(1);
        assertThat(stats.get("table_ignored_deletes").get("orders").asLong()).isEqualTo(1);
        Reply partial = api.post(pipeline + "/ingress/orders", "application/json", "{\"update\": {\"amount\": 1}}");
        assertError(partial, 400, "ParseError");
        assertThat(partial.json().get("details").get("column").asText()).isEqualToIgnoringCase("id");
        stop(pipeline);
        assertThat(api.delete(pipeline).status()).isEqualTo(204);
    }

    @Test
    public void aRequestThatFailsAtRunTimeIsRejectedListedAndDownloadable() throws Exception {
        api.post("api/programs", Map.of("name", "rej-" + suffix, "code", """
                CREATE TABLE t (id INT NOT NULL, v INT);
                CREATE MATERIALIZED VIEW ratio AS SELECT id, 100 / (id - 13) AS r FROM t;
                CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS c FROM t;
                """));
        api.awaitStatus("api/programs/rej-" + suffix, "SUCCESS");
        String rej = startPipeline("rej-" + suffix, "rej-" + suffix, Map.of());
        assertThat(api.get(rej).json().get("config").get("on_runtime_error").asText()).isEqualTo("reject_batch");
        assertThat(api.post(rej + "/ingress/t", "application/json", "{\"insert\": {\"id\": 1, \"v\": 5}}").status())
                .isEqualTo(200);
        assertThat(api.post(rej + "/ingress/t", "application/x-ndjson",
                "{\"insert\": {\"id\": 12, \"v\": 6}}\n{\"insert\": {\"id\": 13, \"v\": 7}}\n").status()).isEqualTo(200);
        JsonNode stats = api.await(rej + "/stats", s -> s.get("rejected_batches").asLong() == 1, WAIT);
        assertThat(stats.get("rejected_records").asLong()).isEqualTo(2);
        assertThat(stats.get("dropped_rejected_batches").asLong()).isZero();
        assertThat(api.post(rej + "/ingress/t", "text/csv", "14,8\n").status()).isEqualTo(200);
        api.await(rej + "/stats", s -> s.get("processed_records").asLong() == 2, WAIT);
        assertThat(api.getAny(rej + "/query?format=csv&sql=" + encode("SELECT id FROM t ORDER BY id")).body())
                .isEqualToIgnoringCase("id\r\n1\r\n14\r\n");
        assertThat(api.get(rej).json().get("status").asText()).isEqualTo("RUNNING");

        Reply list = api.get(rej + "/rejected");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        JsonNode batch = list.json().get(0);
        assertThat(batch.get("number").asLong()).isEqualTo(1);
        assertThat(batch.get("table").asText()).isEqualToIgnoringCase("t");
        assertThat(batch.get("records").asLong()).isEqualTo(2);
        assertThat(batch.get("error_code").asText()).isEqualTo("DIVISION_BY_ZERO");
        assertThat(batch.get("message").asText()).containsIgnoringCase("division by zero");
        assertThat(batch.get("operator").asText()).isEqualTo("MAP");
        assertThat(batch.get("views").get(0).asText()).isEqualToIgnoringCase("ratio");
        assertThat(batch.get("failing_row").toString()).isEqualTo("[\"13\",\"7\"]");
        assertThat(batch.get("rejected_at").asText()).isNotEmpty();

        Reply records = api.getAny(rej + "/rejected/1");
        assertThat(records.status()).as(records.toString()).isEqualTo(200);
        assertThat(records.body().lines().map(DataPlaneTests::lowerKeys).sorted().toList()).containsExactly(
                "{\"insert\":{\"id\":12,\"v\":6}}", "{\"insert\":{\"id\":13,\"v\":7}}");
        assertError(api.getAny(rej + "/rejected/2"), 404, "UnknownRejectedBatch");
        assertError(api.getAny(rej + "/rejected/x"), 404, "UnknownRejectedBatch");
        assertError(api.getAny("api/pipelines/nope-" + suffix + "/rejected"), 404, "UnknownPipeline");
        // Fixed, the records go back in through ingress unchanged in format.
        String fixed = records.body().replace("\"id\":13", "\"id\":15").replace("\"ID\":13", "\"ID\":15");
        assertThat(api.post(rej + "/ingress/t", "application/x-ndjson", fixed).status()).isEqualTo(200);
        api.await(rej + "/stats", s -> s.get("processed_records").asLong() == 4, WAIT);
        stop(rej);
        assertError(api.getAny(rej + "/rejected"), 409, "PipelineNotRunning");
    }

    @Test
    public void aLargeBodyIsStreamedIntoTheTable() {
        api.post("api/programs", Map.of("name", "events-" + suffix,
                "code", "CREATE TABLE events (id BIGINT NOT NULL, payload VARCHAR);\nCREATE VIEW n AS SELECT COUNT(*) AS c FROM events;"));
        api.awaitStatus("api/programs/events-" + suffix, "SUCCESS");
        String pipeline = startPipeline("events-" + suffix, "events-" + suffix, Map.of());
        int records = 250_000;
        AtomicReference<GeneratedRecords> body = new AtomicReference<>();
        Reply accepted = api.postStream(pipeline + "/ingress/events", "application/x-ndjson", () -> {
            body.set(new GeneratedRecords(records, 100));
            return body.get();
        });
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("records").asLong()).isEqualTo(records);
        assertThat(body.get().bytesRead()).isGreaterThan(30_000_000L);
        api.await(pipeline + "/stats", s -> s.get("processed_records").asLong() == records, Duration.ofSeconds(60));
        assertThat(api.getAny(pipeline + "/query?format=csv&sql=" + encode("SELECT COUNT(*) AS c, MAX(id) AS m FROM events")).body())
                .isEqualToIgnoringCase("c,m\r\n250000,250000\r\n");
        stop(pipeline);
        assertThat(api.delete(pipeline).status()).isEqualTo(204);
    }

    /** Creates and starts a pipeline, waits until it runs; returns its path. */
    protected String startPipeline(String program, String name, Map<String, Object> config) {
        Reply created = api.post("api/pipelines", Map.of("name", name, "program", program, "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = "api/pipelines/" + name;
        assertThat(api.post(path + "/start").status()).isEqualTo(202);
        api.awaitStatus(path, "RUNNING");
        return path;
    }

    /** Shuts a pipeline down and waits until it is stopped. */
    protected void stop(String pipeline) {
        assertThat(api.post(pipeline + "/shutdown").status()).isEqualTo(202);
        api.awaitStatus(pipeline, "STOPPED");
    }

    /** Reads step lines until {@code count} changes arrived, as "insert {...}" with lower-case keys. */
    private static List<String> changes(LineStream stream, int count) throws IOException {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            JsonNode step = JSON.readTree(stream.next(WAIT));
            assertThat(step.has("step")).as(step.toString()).isTrue();
            for (JsonNode change : step.get("changes")) {
                String kind = change.has("insert") ? "insert" : "delete";
                out.add(kind + " " + lowerKeys(change.get(kind).toString()));
            }
        }
        return out;
    }

    /** A JSON object's text with its keys in lower case (column names may come upper-cased). */
    private static String lowerKeys(String object) {
        try {
            ObjectNode lower = JSON.createObjectNode();
            JSON.readTree(object).properties().forEach(e -> lower.set(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            return JSON.writeValueAsString(lower);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + object, e);
        }
    }

    private static String encode(String sql) {
        return URLEncoder.encode(sql, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().get("details").isObject()).isTrue();
    }
}
