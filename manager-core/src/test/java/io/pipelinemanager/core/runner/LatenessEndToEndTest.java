package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.DataFormat;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LATENESS through the facade: late records are dropped, counted per table in the statistics, and change no view. */
class LatenessEndToEndTest {
    private static final String SQL = """
            CREATE TABLE events (id INT, ts TIMESTAMP NOT NULL LATENESS INTERVAL '1' HOUR);
            CREATE TABLE other (id INT);
            CREATE MATERIALIZED VIEW per_hour AS SELECT window_start, COUNT(*) AS n
              FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start;
            """;

    @RegisterExtension
    final RunningPipeline pipeline = new RunningPipeline("late", SQL);

    @Test
    void lateRecordsAreDroppedAndCountedPerTable() {
        ingest("""
                {"insert": {"id": 1, "ts": "2024-01-01 10:15:00"}}
                {"insert": {"id": 2, "ts": "2024-01-01 12:30:00"}}
                """);
        await(() -> pipeline.rows("SELECT COUNT(*) FROM events"), List.of(List.of(2L))::equals);
        assertThat(pipeline.manager().pipelineStats(T, "p").tableLateRecords()).isEmpty();
        // the watermark is 11:30: 11:00 and the delete of 10:15 are late, 11:45 is not
        ingest("""
                {"insert": {"id": 3, "ts": "2024-01-01 11:00:00"}}
                {"insert": {"id": 4, "ts": "2024-01-01 11:45:00"}}
                {"delete": {"id": 1, "ts": "2024-01-01 10:15:00"}}
                """);
        await(() -> pipeline.manager().pipelineStats(T, "p").tableLateRecords(), Map.of("events", 2L)::equals);
        assertThat(pipeline.rows("SELECT window_start, n FROM per_hour ORDER BY window_start")).containsExactly(
                List.of(LocalDateTime.of(2024, 1, 1, 10, 0), 1L), List.of(LocalDateTime.of(2024, 1, 1, 11, 0), 1L),
                List.of(LocalDateTime.of(2024, 1, 1, 12, 0), 1L));
        assertThat(pipeline.rows("SELECT id FROM events ORDER BY id"))
                .containsExactly(List.of(1L), List.of(2L), List.of(4L));
        assertThat(pipeline.manager().pipelineStats(T, "p").tableIgnoredDeletes()).isEmpty();
    }

    private void ingest(String body) {
        pipeline.ingest("events", DataFormat.JSON, body);
    }
}
