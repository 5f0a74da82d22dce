package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ARRAY columns through the facade: JSON arrays in, a running pipeline's views (ARRAY_AGG, UNNEST, subscripts)
 * after inserts and deletes, snapshot queries, and arrays out as JSON arrays and as PostgreSQL's text in CSV.
 * (Semantics are compared with PostgreSQL in the compiler's ArrayTypeTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArrayTypesEndToEndTest {

    private static final String SQL = """
            CREATE TABLE t (id INT, tags VARCHAR(10) ARRAY, scores INT ARRAY);
            CREATE MATERIALIZED VIEW per_tag AS
              SELECT tag, ARRAY_AGG(id ORDER BY id) AS ids, COUNT(*) AS n FROM t CROSS JOIN UNNEST(tags) AS u(tag) GROUP BY tag;
            CREATE MATERIALIZED VIEW firsts AS
              SELECT id, scores[1] AS first, CARDINALITY(scores) AS n, ARRAY[id, scores[2]] AS pair FROM t;
            """;

    private PipelineManager manager;

    @BeforeAll
    void open() {
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
        manager.createProgram(T, new ProgramSpec("arrays", "", SQL));
        assertThat(await(() -> manager.getProgram(T, "arrays"), p -> p.status().isFinal()).diagnostics()).isEmpty();
        manager.createPipeline(T, new PipelineSpec("p", "", "arrays", null));
        manager.startPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    private void push(String body) throws java.io.IOException {
        manager.ingress(T, "p", "t", DataFormat.JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private String json(String query) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manager.writeQuery(T, "p", query, DataFormat.JSON, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void arraysFlowInAsJsonThroughViewsAndOutAsJson() throws Exception {
        String a = "{\"id\": 1, \"tags\": [\"red\", \"blue\"], \"scores\": [10, null, 30]}";
        String b = "{\"id\": 2, \"tags\": [\"blue\"], \"scores\": []}";
        String c = "{\"id\": 3, \"tags\": null, \"scores\": [7]}";
        push("[{\"insert\": " + a + "}, {\"insert\": " + b + "}, {\"insert\": " + c + "}]");
        await(() -> manager.query(T, "p", "SELECT COUNT(*) FROM firsts").rows(), r -> r.equals(List.of(List.of(3L))));
        assertThat(json("SELECT tag, ids, n FROM per_tag ORDER BY tag")).isEqualTo(
                "{\"tag\":\"blue\",\"ids\":[1,2],\"n\":2}\n{\"tag\":\"red\",\"ids\":[1],\"n\":1}\n");
        assertThat(json("SELECT id, first, n, pair FROM firsts ORDER BY id")).isEqualTo(
                "{\"id\":1,\"first\":10,\"n\":3,\"pair\":[1,null]}\n"
                        + "{\"id\":2,\"first\":null,\"n\":0,\"pair\":[2,null]}\n"
                        + "{\"id\":3,\"first\":7,\"n\":1,\"pair\":[3,null]}\n");

        push("[{\"delete\": " + a + "}]");
        await(() -> manager.query(T, "p", "SELECT COUNT(*) FROM firsts").rows(), r -> r.equals(List.of(List.of(2L))));
        assertThat(manager.query(T, "p", "SELECT tag, ids FROM per_tag").rows())
                .containsExactly(List.of("blue", List.of(2L)));

        // Snapshot queries over the table: subscripts, UNNEST, ARRAY_AGG, grouping by an array.
        assertThat(manager.query(T, "p", "SELECT ARRAY_AGG(s ORDER BY s DESC) FROM t, UNNEST(scores) AS u(s)").rows())
                .containsExactly(List.of(List.of(7L)));
        assertThat(manager.query(T, "p", "SELECT scores, COUNT(*) FROM t GROUP BY scores ORDER BY scores").rows())
                .containsExactly(List.of(List.of(), 1L), List.of(List.of(7L), 1L));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        manager.writeQuery(T, "p", "SELECT id, ARRAY['a b', NULL, 'c'] AS x FROM t ORDER BY id", DataFormat.CSV, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8))
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
        manager.createProgram(T, new ProgramSpec("bad", "", "CREATE TABLE t (a INT ARRAY, s VARCHAR);\n"
                + "CREATE VIEW v AS SELECT CARDINALITY(s) FROM t;"));
        var program = await(() -> manager.getProgram(T, "bad"), p -> p.status().isFinal());
        assertThat(program.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        Diagnostic d = program.diagnostics().get(0);
        assertThat(d.range().startLine()).isEqualTo(2);
        assertThat(d.message()).contains("CARDINALITY").doesNotContain("org.apache").doesNotContain("Logical");
    }
}
