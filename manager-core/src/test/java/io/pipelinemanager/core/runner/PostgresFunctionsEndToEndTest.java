package io.pipelinemanager.core.runner;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.SourceRange;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's functions and semantics through the facade: a running pipeline's materialized views and
 * snapshot queries after JSON inserts and deletes, and a program PostgreSQL would refuse failing to compile
 * with a positioned diagnostic. (Every function is compared with PostgreSQL itself in the compiler's
 * PostgresFunctionsTest; this shows the same answers come out of the product.)
 */
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

    @RegisterExtension
    static final RunningPipeline pipeline = new RunningPipeline("fns", SQL);

    private void push(String body) {
        pipeline.ingest("t", DataFormat.JSON, body);
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
        await(() -> pipeline.rows("SELECT n FROM stats"), r -> r.equals(List.of(List.of(3L))));
        // VAR_SAMP(1, 2, 4) = 7/3 with PostgreSQL's scale; names in ORDER BY order.
        assertThat(pipeline.rows("SELECT var, names, all_a FROM stats")).containsExactly(
                List.of(new BigDecimal("2.3333333333333333"), "ab-cd,ax-y,b", false));
        push("[{\"delete\": " + c + "}]");
        await(() -> pipeline.rows("SELECT n FROM stats"), r -> r.equals(List.of(List.of(2L))));
        assertThat(pipeline.rows("SELECT var, names, all_a FROM stats")).containsExactly(
                List.of(new BigDecimal("0.50000000000000000000"), "ab-cd,ax-y", true));
        assertThat(pipeline.rows("SELECT part, title, is_ab, at_minute, dow FROM texts ORDER BY s"))
                .containsExactly(List.of("cd", "Ab Cd", true, "2024-03-10 08:15", 0L),
                        List.of("y", "Ax Y", true, "2024-03-11 23:59", 1L));
        // The same functions in a snapshot query over the table.
        assertThat(pipeline.rows("SELECT LPAD(CAST(v AS VARCHAR), 3, '0') AS p, DATE_TRUNC('day', ts) AS d,"
                + " STDDEV_POP(v) OVER () AS sd FROM t WHERE s ~* '^A' ORDER BY v")).hasSize(2)
                .first().satisfies(r -> assertThat(r.get(0)).isEqualTo("001"));
    }

    @Test
    void comparisonsPostgresRefusesDoNotCompile() {
        Program program = pipeline.compile("bad", "CREATE TABLE t (b BOOLEAN, i INT);\n"
                + "CREATE VIEW v AS SELECT * FROM t WHERE b = i;");
        assertThat(program.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(program.diagnostics()).extracting(Diagnostic::message)
                .singleElement().asString().contains("operator does not exist: BOOLEAN = INTEGER");
        assertThat(program.diagnostics().get(0).range()).isEqualTo(new SourceRange(2, 40, 2, 44));
    }
}
