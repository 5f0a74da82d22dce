package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An append-only table through the facade: inserts flow into the views, a delete or update in any ingress format is
 * refused with ParseError and changes nothing, and snapshot queries read the views but not the table.
 */
class AppendOnlyTableEndToEndTest {
    private static final String SQL = """
            CREATE TABLE bid (auction BIGINT NOT NULL, price BIGINT NOT NULL) WITH ('append_only' = 'true');
            CREATE MATERIALIZED VIEW per_auction AS SELECT auction, COUNT(*) AS n, MAX(price) AS top FROM bid GROUP BY auction;
            """;
    @RegisterExtension
    final RunningPipeline pipeline = new RunningPipeline("bids", SQL);
    private PipelineManager manager;

    /** A row of bid for the Java-object ingress. */
    public record Bid(long auction, long price) {
    }

    @BeforeEach
    void open() {
        manager = pipeline.manager();
        assertThat(manager.getProgram(T, "bids").schema().tables().get(0).appendOnly()).isTrue();
    }

    @Test
    void insertsFlowDeletesAreRefusedAndTheTableCannotBeQueried() throws Exception {
        manager.awaitApplied(T, "p", manager.insert(T, "p", "bid", List.of(new Bid(1, 10), new Bid(1, 30), new Bid(2, 5))),
                java.time.Duration.ofSeconds(30));
        assertThat(rows("SELECT auction, n, top FROM per_auction ORDER BY auction"))
                .containsExactly(List.of(1L, 2L, 30L), List.of(2L, 1L, 5L));

        assertRefused(() -> manager.delete(T, "p", "bid", List.of(new Bid(1, 10))), "deletes");
        assertRefused(() -> manager.push(T, "p", "bid", List.of(Change.insert(new Bid(3, 1)), Change.delete(new Bid(2, 5)))),
                "deletes");
        assertRefused(() -> ingest("{\"insert\": {\"auction\": 4, \"price\": 1}}\n{\"delete\": {\"auction\": 1, \"price\": 30}}\n"),
                "deletes");
        assertRefused(() -> ingest("{\"update\": {\"auction\": 1, \"price\": 99}}\n"), "updates");

        manager.awaitApplied(T, "p", manager.insert(T, "p", "bid", List.of(new Bid(2, 50))), java.time.Duration.ofSeconds(30));
        // none of the refused requests left a trace
        assertThat(rows("SELECT auction, n, top FROM per_auction ORDER BY auction"))
                .containsExactly(List.of(1L, 2L, 30L), List.of(2L, 2L, 50L));
        assertThatThrownBy(() -> rows("SELECT COUNT(*) FROM bid"))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidQuery);
                    assertThat(e.details()).containsEntry("queryable", List.of("per_auction"));
                });
    }

    private void assertRefused(Runnable push, String what) {
        assertThatThrownBy(push::run).isInstanceOfSatisfying(ManagerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
            assertThat(e.getMessage()).contains("append-only").contains(what);
        });
    }

    private List<List<Object>> rows(String sql) {
        return pipeline.rows(sql);
    }

    private void ingest(String body) {
        pipeline.ingest("bid", DataFormat.JSON, body);
    }
}
