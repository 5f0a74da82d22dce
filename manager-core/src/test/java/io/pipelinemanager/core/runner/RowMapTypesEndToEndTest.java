package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ROW and MAP columns through the facade: JSON objects in (rows keyed by field name, maps by key), a running
 * pipeline's views (field access, lookups, grouping) after inserts and deletes, snapshot queries, rows and maps
 * out as JSON objects and as text in CSV, and wrong JSON shapes refused per record and counted as parse errors.
 * (Semantics are compared with PostgreSQL in the compiler's RowTypeTest and by hand in MapTypeTest.)
 */
class RowMapTypesEndToEndTest {

    private static final String SQL = """
            CREATE TABLE t (id INT, who ROW(name VARCHAR(10), age INT), attrs MAP<VARCHAR, INT>,
                            pts ROW(x INT, y INT) ARRAY);
            CREATE MATERIALIZED VIEW by_name AS
              SELECT t.who.name AS name, COUNT(*) AS n, SUM(attrs['score']) AS score FROM t GROUP BY t.who.name;
            CREATE MATERIALIZED VIEW shaped AS
              SELECT id, who, attrs, ROW(id, attrs['score']) AS pair, MAP['k', id] AS small,
                     CARDINALITY(attrs) AS n, pts[1].y AS y1 FROM t;
            """;

    @RegisterExtension
    static final RunningPipeline pipeline = new RunningPipeline("rowmap", SQL);

    private void push(String body) {
        pipeline.ingest("t", DataFormat.JSON, body);
    }

    @Test
    void rowsAndMapsFlowInAsJsonThroughViewsAndOut() throws Exception {
        String a = "{\"id\": 1, \"who\": {\"name\": \"ann\", \"age\": 30}, \"attrs\": {\"score\": 5, \"rank\": 2},"
                + " \"pts\": [{\"x\": 1, \"y\": 2}, {\"x\": 3}]}";
        String b = "{\"id\": 2, \"who\": {\"NAME\": \"ann\"}, \"attrs\": {}, \"pts\": []}";
        String c = "{\"id\": 3, \"who\": null, \"attrs\": {\"score\": null}}";
        push("[{\"insert\": " + a + "}, {\"insert\": " + b + "}, {\"insert\": " + c + "}]");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM shaped"), r -> r.equals(List.of(List.of(3L))));
        assertThat(pipeline.write("SELECT id, who, attrs, pair, small, n, y1 FROM shaped ORDER BY id", DataFormat.JSON))
                .isEqualTo(
                "{\"id\":1,\"who\":{\"name\":\"ann\",\"age\":30},\"attrs\":{\"rank\":2,\"score\":5},"
                        + "\"pair\":{\"f1\":1,\"f2\":5},\"small\":{\"k\":1},\"n\":2,\"y1\":2}\n"
                        + "{\"id\":2,\"who\":{\"name\":\"ann\",\"age\":null},\"attrs\":{},"
                        + "\"pair\":{\"f1\":2,\"f2\":null},\"small\":{\"k\":2},\"n\":0,\"y1\":null}\n"
                        + "{\"id\":3,\"who\":null,\"attrs\":{\"score\":null},"
                        + "\"pair\":{\"f1\":3,\"f2\":null},\"small\":{\"k\":3},\"n\":1,\"y1\":null}\n");
        assertThat(pipeline.write("SELECT name, n, score FROM by_name ORDER BY name", DataFormat.JSON))
                .isEqualTo("{\"name\":\"ann\",\"n\":2,\"score\":5}\n{\"name\":null,\"n\":1,\"score\":null}\n");

        push("[{\"delete\": " + a + "}]");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM shaped"), r -> r.equals(List.of(List.of(2L))));
        assertThat(pipeline.rows("SELECT name, n, score FROM by_name ORDER BY name"))
                .containsExactly(Arrays.asList("ann", 1L, null), Arrays.asList(null, 1L, null));

        // Snapshot queries: the API hands a ROW out as the list of its fields and a MAP as a Map in key order.
        assertThat(pipeline.rows("SELECT who, attrs, MAP['b', 1, 'a', 2, 'b', 3] FROM t WHERE id = 2"))
                .containsExactly(List.of(Arrays.asList("ann", null), Map.of(), Map.of("a", 2L, "b", 3L)));
        assertThat(pipeline.rows("SELECT who, COUNT(*) FROM t GROUP BY who ORDER BY who"))
                .containsExactly(List.of(Arrays.asList("ann", null), 1L), Arrays.asList(null, 1L));
        assertThat(pipeline.write("SELECT id, who, attrs FROM t ORDER BY id", DataFormat.CSV))
                .isEqualTo("id,who,attrs\r\n2,\"(ann,)\",{}\r\n3,,{score=>NULL}\r\n");
    }

    @Test
    void wrongJsonShapesAreParseErrorsNamingTheColumnAndField() {
        long before = pipeline.manager().pipelineStats(T, "p").tableParseErrors().getOrDefault("t", 0L);
        String[][] cases = {
                {"\"who\": [\"ann\", 30]", "who", "expected ROW(name VARCHAR(10), age INTEGER), got an array"},
                {"\"who\": {\"nick\": \"a\"}", "who", "unknown field \"nick\""},
                {"\"who\": {\"age\": \"old\"}", "who", "field age: "},
                {"\"who\": {\"name\": \"a\", \"name\": \"b\"}", "who", "duplicate value for field name"},
                {"\"attrs\": [1]", "attrs", "expected MAP<VARCHAR, INTEGER>, got an array"},
                {"\"attrs\": {\"a\": \"x\"}", "attrs", "map value for key \"a\": "},
                {"\"attrs\": 7", "attrs", "expected MAP<VARCHAR, INTEGER>"},
                {"\"pts\": [{\"x\": 1}, {\"z\": 1}]", "pts", "array element 2: unknown field \"z\""}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> push("{\"insert\": {\"id\": 9, " + c[0] + "}}")).as(c[0])
                    .isInstanceOfSatisfying(ManagerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ParseError);
                        assertThat(e.details()).containsEntry("column", c[1]);
                        assertThat(e.getMessage()).contains(c[2]);
                    });
        }
        assertThat(pipeline.manager().pipelineStats(T, "p").tableParseErrors()).containsEntry("t", before + cases.length);
    }
}
