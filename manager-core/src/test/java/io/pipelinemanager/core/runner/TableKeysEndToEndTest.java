package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.DataPlaneEndToEndTest.changes;
import static io.pipelinemanager.core.runner.DataPlaneEndToEndTest.next;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineStats;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.PushResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys through the facade: a table with a primary key upserts, deletes and updates by key (JSON records and
 * typed pushes), a table without one ignores deletes of rows it does not hold, both counted in the statistics;
 * a global aggregate has its row over the empty table from the start.
 */
class TableKeysEndToEndTest {
    private static final String SQL = """
            CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20) NOT NULL, balance DECIMAL(10, 2));
            CREATE TABLE events (kind VARCHAR(10), amount INT);
            CREATE MATERIALIZED VIEW account_totals AS SELECT COUNT(*) AS n, SUM(balance) AS s FROM accounts;
            CREATE MATERIALIZED VIEW event_totals AS SELECT COUNT(*) AS n, SUM(amount) AS s FROM events;
            CREATE MATERIALIZED VIEW rich AS SELECT id, owner FROM accounts WHERE balance > 100;
            CREATE TABLE settings (id INT PRIMARY KEY, level INT NOT NULL DEFAULT 2 + 3, label VARCHAR(8) DEFAULT 'none',
              note VARCHAR(8), owner INT REFERENCES accounts(id), CHECK (level > 0));
            """;

    @RegisterExtension
    final RunningPipeline pipeline = new RunningPipeline("bank", SQL).allowingWarnings();

    @Test
    void aGlobalAggregateShowsItsEmptyTableRowFromTheStartAndOnce() throws Exception {
        assertThat(pipeline.rows("SELECT n, s FROM account_totals")).containsExactly(java.util.Arrays.asList(0L, null));
        try (ChangeStream totals = pipeline.manager().subscribe(T, "p", "account_totals", true)) {
            JsonNode snapshot = next(totals);
            assertThat(snapshot.get("snapshot").asBoolean()).isTrue();
            assertThat(changes(snapshot)).containsExactly("insert {\"n\":0,\"s\":null}");
            ingest("accounts", "{\"insert\": {\"id\": 1, \"owner\": \"ann\", \"balance\": 10}}");
            assertThat(changes(next(totals))).containsExactlyInAnyOrder("delete {\"n\":0,\"s\":null}",
                    "insert {\"n\":1,\"s\":10.00}");
        }
        assertThat(pipeline.manager().pipelineStats(T, "p").steps()).isEqualTo(1);
    }

    @Test
    void jsonInsertsUpsertDeletesAndUpdatesGoByKey() throws Exception {
        ingest("accounts", """
                {"insert": {"id": 1, "owner": "ann", "balance": 50}}
                {"insert": {"id": 2, "owner": "bob", "balance": 500}}
                """);
        awaitRows("SELECT COUNT(*) FROM accounts", List.of(List.of(2L)));
        ingest("accounts", "{\"insert\": {\"id\": 1, \"owner\": \"ann\", \"balance\": 150}}");
        awaitRows("SELECT id, owner, balance FROM accounts ORDER BY id", List.of(
                List.of(1L, "ann", new BigDecimal("150.00")), List.of(2L, "bob", new BigDecimal("500.00"))));
        ingest("accounts", """
                {"update": {"id": 2, "balance": 5}}
                {"update": {"id": 9, "balance": 5}}
                {"delete": {"id": 1}}
                {"delete": {"id": 7, "owner": "nobody"}}
                """);
        awaitRows("SELECT id, owner, balance FROM accounts", List.of(List.of(2L, "bob", new BigDecimal("5.00"))));
        assertThat(pipeline.rows("SELECT n, s FROM account_totals")).containsExactly(List.of(1L, new BigDecimal("5.00")));
        assertThat(pipeline.rows("SELECT id FROM rich")).isEmpty();
        PipelineStats stats = pipeline.manager().pipelineStats(T, "p");
        assertThat(stats.tableIgnoredDeletes()).isEqualTo(Map.of("accounts", 1L));
        assertThat(stats.tableIgnoredUpdates()).isEqualTo(Map.of("accounts", 1L));
    }

    @Test
    void severalRequestsForOneKeyInOneStepResolveToTheLast() throws Exception {
        pipeline.manager().pausePipeline(T, "p");
        await(() -> pipeline.manager().getPipeline(T, "p"), p -> p.status() == PipelineStatus.PAUSED);
        ingest("accounts", "{\"insert\": {\"id\": 1, \"owner\": \"ann\", \"balance\": 1}}");
        ingest("accounts", "[{\"insert\": {\"id\": 1, \"owner\": \"ann\", \"balance\": 2}}, "
                + "{\"update\": {\"id\": 1, \"owner\": \"anna\"}}]");
        pipeline.manager().update(T, "p", "accounts", List.of(Map.of("id", 1, "balance", 3)));
        PushResult last = pipeline.manager().push(T, "p", "accounts", List.of(Change.insert(Map.of("id", 2, "owner", "bob")),
                Change.delete(Map.of("id", 2)), Change.update(Map.of("id", 2, "owner", "nobody"))));
        pipeline.manager().startPipeline(T, "p");
        long step = pipeline.manager().awaitApplied(T, "p", last, Duration.ofSeconds(30));
        assertThat(step).isEqualTo(1);
        assertThat(pipeline.rows("SELECT id, owner, balance FROM accounts"))
                .containsExactly(List.of(1L, "anna", new BigDecimal("3.00")));
        assertThat(pipeline.manager().pipelineStats(T, "p").tableIgnoredUpdates()).isEqualTo(Map.of("accounts", 1L));
        assertThat(pipeline.manager().pipelineStats(T, "p").tableIgnoredDeletes()).isEmpty();
    }

    @Test
    void aTableWithoutAKeyIgnoresAndCountsDeletesOfRowsItDoesNotHold() throws Exception {
        ingest("events", "{\"insert\": {\"kind\": \"a\", \"amount\": 1}}\n{\"insert\": {\"kind\": \"a\", \"amount\": 1}}");
        awaitRows("SELECT COUNT(*) FROM events", List.of(List.of(2L)));
        pipeline.manager().delete(T, "p", "events", List.of(Map.of("kind", "b", "amount", 1)));
        PushResult last = pipeline.manager().delete(T, "p", "events", List.of(Map.of("kind", "a", "amount", 1),
                Map.of("kind", "a", "amount", 1), Map.of("kind", "a", "amount", 1)));
        pipeline.manager().awaitApplied(T, "p", last, Duration.ofSeconds(30));
        assertThat(pipeline.rows("SELECT COUNT(*) FROM events")).containsExactly(List.of(0L));
        assertThat(pipeline.rows("SELECT n, s FROM event_totals")).containsExactly(java.util.Arrays.asList(0L, null));
        assertThat(pipeline.manager().pipelineStats(T, "p").tableIgnoredDeletes()).isEqualTo(Map.of("events", 2L));
        ingest("events", "{\"insert\": {\"kind\": \"a\", \"amount\": 4}}");
        awaitRows("SELECT n, s FROM event_totals", List.of(List.of(1L, 4L)));
    }

    @Test
    void badKeyRecordsAreRefusedWithAParseErrorAndApplyNothing() {
        assertParseError("events", "{\"update\": {\"kind\": \"a\", \"amount\": 2}}", null, "no primary key");
        assertParseError("accounts", "{\"insert\": {\"id\": 1, \"owner\": \"x\"}}\n{\"update\": {\"balance\": 2}}", "id",
                "primary key");
        assertParseError("accounts", "{\"delete\": {\"id\": null}}", "id", "NULL");
        assertParseError("accounts", "{\"update\": {\"id\": 1, \"owner\": null}}", "owner", "NULL");
        assertThatThrownBy(() -> pipeline.manager().update(T, "p", "events", List.of(Map.of("kind", "a"))))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ParseError));
        assertThat(pipeline.manager().pipelineStats(T, "p").totalInputRecords()).isZero();
    }

    @Test
    void omittedColumnsTakeTheirDefaultOnInsertAndKeepTheirValueOnUpdate() throws Exception {
        ingest("settings", "{\"insert\": {\"id\": 1}}\n{\"id\": 2, \"level\": 7, \"label\": null}");
        pipeline.manager().insert(T, "p", "settings", List.of(Map.of("id", 3, "note", "typed")));
        awaitRows("SELECT COUNT(*) FROM settings", List.of(List.of(3L)));
        ingest("settings", "{\"update\": {\"id\": 1, \"note\": \"changed\"}}");
        awaitRows("SELECT id, level, label, note FROM settings ORDER BY id", List.of(
                java.util.Arrays.asList(1L, 5L, "none", "changed"), java.util.Arrays.asList(2L, 7L, null, null),
                java.util.Arrays.asList(3L, 5L, "none", "typed")));
        assertParseError("settings", "{\"insert\": {\"id\": 4, \"level\": null}}", "level", "NULL");
    }

    private void assertParseError(String table, String body, String column, String reason) {
        assertThatThrownBy(() -> ingest(table, body)).isInstanceOfSatisfying(ManagerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
            assertThat(e.details().get("column")).isEqualTo(column);
            assertThat(String.valueOf(e.details().get("reason"))).contains(reason);
        });
    }

    private void awaitRows(String sql, List<List<Object>> expected) {
        await(() -> pipeline.rows(sql), expected::equals);
    }

    private void ingest(String table, String body) {
        pipeline.ingest(table, DataFormat.JSON, body);
    }
}
