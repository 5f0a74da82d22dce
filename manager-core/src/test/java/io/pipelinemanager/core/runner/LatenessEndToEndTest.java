package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LATENESS through the facade: late records are dropped, counted per table in the statistics, and change no view. */
class LatenessEndToEndTest {
    private static final String SQL = """
            CREATE TABLE events (id INT, ts TIMESTAMP NOT NULL LATENESS INTERVAL '1' HOUR);
            CREATE TABLE other (id INT);
            CREATE MATERIALIZED VIEW per_hour AS SELECT window_start, COUNT(*) AS n
              FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start;
            """;
    private PipelineManager manager;

    @BeforeEach
    void open() {
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
        manager.createProgram(T, new ProgramSpec("late", "", SQL));
        assertThat(await(() -> manager.getProgram(T, "late"), p -> p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
        manager.createPipeline(T, new PipelineSpec("p", "", "late", null));
        manager.startPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void lateRecordsAreDroppedAndCountedPerTable() {
        ingest("""
                {"insert": {"id": 1, "ts": "2024-01-01 10:15:00"}}
                {"insert": {"id": 2, "ts": "2024-01-01 12:30:00"}}
                """);
        await(() -> rows("SELECT COUNT(*) FROM events"), List.of(List.of(2L))::equals);
        assertThat(manager.pipelineStats(T, "p").tableLateRecords()).isEmpty();
        // the watermark is 11:30: 11:00 and the delete of 10:15 are late, 11:45 is not
        ingest("""
                {"insert": {"id": 3, "ts": "2024-01-01 11:00:00"}}
                {"insert": {"id": 4, "ts": "2024-01-01 11:45:00"}}
                {"delete": {"id": 1, "ts": "2024-01-01 10:15:00"}}
                """);
        await(() -> manager.pipelineStats(T, "p").tableLateRecords(), Map.of("events", 2L)::equals);
        assertThat(rows("SELECT window_start, n FROM per_hour ORDER BY window_start")).containsExactly(
                List.of(LocalDateTime.of(2024, 1, 1, 10, 0), 1L), List.of(LocalDateTime.of(2024, 1, 1, 11, 0), 1L),
                List.of(LocalDateTime.of(2024, 1, 1, 12, 0), 1L));
        assertThat(rows("SELECT id FROM events ORDER BY id")).containsExactly(List.of(1L), List.of(2L), List.of(4L));
        assertThat(manager.pipelineStats(T, "p").tableIgnoredDeletes()).isEmpty();
    }

    private List<List<Object>> rows(String sql) {
        return manager.query(T, "p", sql).rows();
    }

    private void ingest(String body) {
        try {
            manager.ingress(T, "p", "events", DataFormat.JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
