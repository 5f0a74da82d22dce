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
import io.pipelinemanager.core.api.SourceRange;
import io.pipelinemanager.core.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL's functions and semantics through the facade: a running pipeline's materialized views and
 * snapshot queries after JSON inserts and deletes, and a program PostgreSQL would refuse failing to compile
 * with a positioned diagnostic. (Every function is compared with PostgreSQL itself in the compiler's
 * PostgresFunctionsTest; this shows the same answers come out of the product.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFunctionsEndToEndTest {

    private static final String SQL = """
            CREATE TABLE t (g INT, v INT, s VARCHAR(20), c CHAR(4), ts TIMESTAMP);
            CREATE MATERIALIZED VIEW stats AS
              SELECT g, VAR_SAMP(v) AS var, STRING_AGG(s, ',' ORDER BY s) AS names, BOOL_AND(s ~ '^a') AS all_a,
                     COUNT(*) AS n
              FROM t GROUP BY g;
            CREATE MATERIALIZED VIEW texts AS
              SELECT s, SPLIT_PART(s, '-', 2) AS part, INITCAP(REPLACE(s, '-', ' ')) AS title, c = 'ab' AS is_ab,
                     TO_CHAR(ts, 'YYYY-MM-DD HH24:MI') AS at_minute, EXTRACT(DOW FROM ts) AS dow
              FROM t;
            """;

    private PipelineManager manager;

    @BeforeAll
    void open() {
        manager = LifecycleEndToEndTest.fastManager(TestDatabases.h2Url());
        manager.createProgram(T, new ProgramSpec("fns", "", SQL));
        assertThat(await(() -> manager.getProgram(T, "fns"), p -> p.status().isFinal()).diagnostics()).isEmpty();
        manager.createPipeline(T, new PipelineSpec("p", "", "fns", null));
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

    private static String row(int g, int v, String s, String c, String ts) {
        return "{\"g\": " + g + ", \"v\": " + v + ", \"s\": \"" + s + "\", \"c\": \"" + c + "\", \"ts\": \"" + ts + "\"}";
    }

    @Test
    void viewsAndSnapshotQueriesAnswerAsPostgresAfterInsertsAndDeletes() throws Exception {
        String a = row(1, 1, "ab-cd", "ab", "2024-03-10 08:15:00");
        String b = row(1, 2, "ax-y", "ab  ", "2024-03-11 23:59:59");
        String c = row(1, 4, "b", "x", "2024-03-12 00:00:00");
        push("[{\"insert\": " + a + "}, {\"insert\": " + b + "}, {\"insert\": " + c + "}]");
        await(() -> manager.query(T, "p", "SELECT n FROM stats").rows(), r -> r.equals(List.of(List.of(3L))));
        // VAR_SAMP(1, 2, 4) = 7/3 with PostgreSQL's scale; names in ORDER BY order.
        assertThat(manager.query(T, "p", "SELECT var, names, all_a FROM stats").rows()).containsExactly(
                List.of(new BigDecimal("2.3333333333333333"), "ab-cd,ax-y,b", false));
        push("[{\"delete\": " + c + "}]");
        await(() -> manager.query(T, "p", "SELECT n FROM stats").rows(), r -> r.equals(List.of(List.of(2L))));
        assertThat(manager.query(T, "p", "SELECT var, names, all_a FROM stats").rows()).containsExactly(
                List.of(new BigDecimal("0.50000000000000000000"), "ab-cd,ax-y", true));
        assertThat(manager.query(T, "p", "SELECT part, title, is_ab, at_minute, dow FROM texts ORDER BY s").rows())
                .containsExactly(List.of("cd", "Ab Cd", true, "2024-03-10 08:15", 0L),
                        List.of("y", "Ax Y", true, "2024-03-11 23:59", 1L));
        // The same functions in a snapshot query over the table.
        assertThat(manager.query(T, "p", "SELECT LPAD(CAST(v AS VARCHAR), 3, '0') AS p, DATE_TRUNC('day', ts) AS d,"
                + " STDDEV_POP(v) OVER () AS sd FROM t WHERE s ~* '^A' ORDER BY v").rows()).hasSize(2)
                .first().satisfies(r -> assertThat(r.get(0)).isEqualTo("001"));
    }

    @Test
    void comparisonsPostgresRefusesDoNotCompile() {
        manager.createProgram(T, new ProgramSpec("bad", "", "CREATE TABLE t (b BOOLEAN, i INT);\n"
                + "CREATE VIEW v AS SELECT * FROM t WHERE b = i;"));
        var program = await(() -> manager.getProgram(T, "bad"), p -> p.status().isFinal());
        assertThat(program.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(program.diagnostics()).extracting(Diagnostic::message)
                .singleElement().asString().contains("operator does not exist: BOOLEAN = INTEGER");
        assertThat(program.diagnostics().get(0).range()).isEqualTo(new SourceRange(2, 40, 2, 44));
    }
}
