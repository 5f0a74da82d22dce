package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ARRAY columns through the facade: JSON arrays in, a running pipeline's views (ARRAY_AGG, UNNEST, subscripts)
 * after inserts and deletes, snapshot queries, and arrays out as JSON arrays and as PostgreSQL's text in CSV.
 * (Semantics are compared with PostgreSQL in the compiler's ArrayTypeTest.)
 */
class ArrayTypesEndToEndTest {

    private static final String SQL = """
            CREATE TABLE t (id INT, tags VARCHAR(10) ARRAY, scores INT ARRAY);
            CREATE MATERIALIZED VIEW per_tag AS
              SELECT tag, ARRAY_AGG(id ORDER BY id) AS ids, COUNT(*) AS n FROM t CROSS JOIN UNNEST(tags) AS u(tag) GROUP BY tag;
            CREATE MATERIALIZED VIEW firsts AS
              SELECT id, scores[1] AS first, CARDINALITY(scores) AS n, ARRAY[id, scores[2]] AS pair FROM t;
            """;

    @RegisterExtension
    static final RunningPipeline pipeline = new RunningPipeline("arrays", SQL);

    private void push(String body) {
        pipeline.ingest("t", DataFormat.JSON, body);
    }

    @Test
    void arraysFlowInAsJsonThroughViewsAndOutAsJson() throws Exception {
        String a = "{\"id\": 1, \"tags\": [\"red\", \"blue\"], \"scores\": [10, null, 30]}";
        String b = "{\"id\": 2, \"tags\": [\"blue\"], \"scores\": []}";
        String c = "{\"id\": 3, \"tags\": null, \"scores\": [7]}";
        push("[{\"insert\": " + a + "}, {\"insert\": " + b + "}, {\"insert\": " + c + "}]");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM firsts"), r -> r.equals(List.of(List.of(3L))));
        assertThat(pipeline.write("SELECT tag, ids, n FROM per_tag ORDER BY tag", DataFormat.JSON)).isEqualTo(
                "{\"tag\":\"blue\",\"ids\":[1,2],\"n\":2}\n{\"tag\":\"red\",\"ids\":[1],\"n\":1}\n");
        assertThat(pipeline.write("SELECT id, first, n, pair FROM firsts ORDER BY id", DataFormat.JSON)).isEqualTo(
                "{\"id\":1,\"first\":10,\"n\":3,\"pair\":[1,null]}\n"
                        + "{\"id\":2,\"first\":null,\"n\":0,\"pair\":[2,null]}\n"
                        + "{\"id\":3,\"first\":7,\"n\":1,\"pair\":[3,null]}\n");

        push("[{\"delete\": " + a + "}]");
        await(() -> pipeline.rows("SELECT COUNT(*) FROM firsts"), r -> r.equals(List.of(List.of(2L))));
        assertThat(pipeline.rows("SELECT tag, ids FROM per_tag"))
                .containsExactly(List.of("blue", List.of(2L)));

        // Snapshot queries over the table: subscripts, UNNEST, ARRAY_AGG, grouping by an array.
        assertThat(pipeline.rows("SELECT ARRAY_AGG(s ORDER BY s DESC) FROM t, UNNEST(scores) AS u(s)"))
                .containsExactly(List.of(List.of(7L)));
        assertThat(pipeline.rows("SELECT scores, COUNT(*) FROM t GROUP BY scores ORDER BY scores"))
                .containsExactly(List.of(List.of(), 1L), List.of(List.of(7L), 1L));
        assertThat(pipeline.write("SELECT id, ARRAY['a b', NULL, 'c'] AS x FROM t ORDER BY id", DataFormat.CSV))
                .isEqualTo("id,x\r\n2,\"{\"\"a b\"\",NULL,c}\"\r\n3,\"{\"\"a b\"\",NULL,c}\"\r\n");
    }

    @Test
    void badJsonArraysAreRefusedWithTheElement() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> push("{\"insert\": {\"id\": 9, \"scores\": [1, \"x\"]}}"))
                .hasMessageContaining("scores").hasMessageContaining("array element 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> push("{\"insert\": {\"id\": 9, \"scores\": 5}}"))
                .hasMessageContaining("scores");
    }

    @Test
    void arrayMistakesAreCompileErrorsWithPositions() {
        Program program = pipeline.compile("bad", "CREATE TABLE t (a INT ARRAY, s VARCHAR);\n"
                + "CREATE VIEW v AS SELECT CARDINALITY(s) FROM t;");
        assertThat(program.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        Diagnostic d = program.diagnostics().get(0);
        assertThat(d.range().startLine()).isEqualTo(2);
        assertThat(d.message()).contains("CARDINALITY").doesNotContain("org.apache").doesNotContain("Logical");
    }
}
