package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Window functions, grouping sets, reduced aggregates, date/time and string functions through compiler and engine. */
class SqlCompilerFeaturesTest {

    private static final String TABLE = "CREATE TABLE t(id INT NOT NULL, g VARCHAR(5), x DOUBLE, d DATE, ts TIMESTAMP,"
            + " s VARCHAR(20), m DECIMAL(10, 2), PRIMARY KEY (id));\n";

    private static ProgramRunner loaded(String views) {
        ProgramRunner p = new ProgramRunner(TABLE + views);
        p.step().insert("t",
                row(1L, "a", 2.5, LocalDate.of(2020, 3, 4), LocalDateTime.of(2020, 3, 4, 10, 0), "abcab",
                        new BigDecimal("3.25")),
                row(2L, "a", 4.0, LocalDate.of(2021, 1, 1), LocalDateTime.of(2021, 1, 1, 0, 0), "bb",
                        new BigDecimal("-1.50")),
                row(3L, "b", null, null, null, null, null)).run();
        return p;
    }

    @Test
    void windowFunctions() {
        ProgramRunner p = loaded("""
                CREATE VIEW w AS SELECT id, ROW_NUMBER() OVER (PARTITION BY g ORDER BY id) AS rn,
                  SUM(x) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2,
                  RANK() OVER (ORDER BY g) AS r, COUNT(*) OVER (PARTITION BY g) AS n
                FROM t;
                """);
        assertThat(p.view("w")).isEqualTo(bag(row(1L, 1L, 2.5, 1L, 2L), row(2L, 2L, 6.5, 1L, 2L),
                row(3L, 1L, null, 3L, 1L)));
        p.step().delete("t", row(1L, "a", 2.5, LocalDate.of(2020, 3, 4), LocalDateTime.of(2020, 3, 4, 10, 0),
                "abcab", new BigDecimal("3.25"))).run();
        assertThat(p.view("w")).isEqualTo(bag(row(2L, 1L, 4.0, 1L, 1L), row(3L, 1L, null, 2L, 1L)));
    }

    @Test
    void groupingSetsAndReducedAggregates() {
        ProgramRunner p = loaded("""
                CREATE VIEW rolled AS SELECT g, GROUPING(g) AS gg, COUNT(*) AS n FROM t GROUP BY ROLLUP(g);
                CREATE VIEW stats AS SELECT g, AVG(m) AS am, STDDEV(x) AS sd, COUNT(DISTINCT s) AS ds,
                  SUM(x) FILTER (WHERE id > 1) AS fx FROM t GROUP BY g;
                """);
        assertThat(p.view("rolled")).isEqualTo(bag(row("a", 0L, 2L), row("b", 0L, 1L), row(null, 1L, 3L)));
        assertThat(p.view("stats")).hasSize(2);
        var a = p.view("stats").keySet().stream().filter(r -> "a".equals(r.get(0))).findFirst().orElseThrow();
        assertThat((BigDecimal) a.get(1)).isEqualByComparingTo("0.875");
        assertThat((Double) a.get(2)).isCloseTo(1.0606601717798212, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.get(3)).isEqualTo(2L);
        assertThat(a.get(4)).isEqualTo(4.0);
    }

    @Test
    void dateTimeAndStringFunctions() {
        ProgramRunner p = loaded("""
                CREATE VIEW dt AS SELECT id, EXTRACT(YEAR FROM d) AS y, d + INTERVAL '1' DAY AS next_day,
                  ts - INTERVAL '2' HOUR AS earlier, TIMESTAMPDIFF(DAY, d, DATE '2021-01-01') AS days FROM t WHERE id < 3;
                CREATE VIEW str AS SELECT UPPER(s) AS u, TRIM(LEADING 'a' FROM s) AS tl, SUBSTRING(s FROM 2 FOR 3) AS sub,
                  POSITION('b' IN s) AS pos, CHAR_LENGTH(s) AS len, s || g AS cat, COALESCE(s, '-') AS c
                FROM t;
                """);
        assertThat(p.view("dt")).isEqualTo(bag(
                row(1L, 2020L, LocalDate.of(2020, 3, 5), LocalDateTime.of(2020, 3, 4, 8, 0), 303L),
                row(2L, 2021L, LocalDate.of(2021, 1, 2), LocalDateTime.of(2020, 12, 31, 22, 0), 0L)));
        assertThat(p.view("str")).isEqualTo(bag(row("ABCAB", "bcab", "bca", 2L, 5L, "abcaba", "abcab"),
                row("BB", "bb", "b", 1L, 2L, "bba", "bb"), row(null, null, null, null, null, null, "-")));
    }

    @Test
    void unsupportedConstructsAreDiagnostics() {
        CompilationResult r = new SqlCompiler().compile(TABLE
                + "CREATE VIEW lagged AS SELECT LAG(id) IGNORE NULLS OVER (ORDER BY id) FROM t;\n"
                + "CREATE VIEW today AS SELECT CURRENT_DATE FROM t;");
        assertThat(r.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("Unsupported", "Unsupported");
        assertThat(r.diagnostics()).extracting(d -> d.range().startLine()).containsExactly(2, 3);
        assertThat(r.diagnostics()).extracting(d -> d.range().startColumn()).as("points at the call").containsExactly(30, 29);
    }

    @Test
    void everyColumnTypeIsAcceptedAndIntervalsRun() {
        CompilationResult r = new SqlCompiler().compile("""
                CREATE TABLE all_types(a BOOLEAN, b TINYINT, c SMALLINT, d INTEGER NOT NULL, e BIGINT, f DECIMAL(10,2),
                  g REAL, h DOUBLE, i FLOAT, j VARCHAR(10), k CHAR(3), l VARCHAR, m DATE, n TIME, o TIMESTAMP,
                  p INTERVAL DAY TO SECOND, q INTERVAL YEAR TO MONTH, r TEXT);
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.schema().tables().get(0).columns()).extracting(c -> c.sqlType()).containsExactly(
                "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL(10, 2)", "REAL", "DOUBLE", "FLOAT",
                "VARCHAR(10)", "CHAR(3)", "VARCHAR", "DATE", "TIME", "TIMESTAMP", "INTERVAL DAY TO SECOND",
                "INTERVAL YEAR TO MONTH", "VARCHAR");
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE trip(id INT, start_at TIMESTAMP, took INTERVAL HOUR TO MINUTE);
                CREATE VIEW arrival AS SELECT id, start_at + took AS arrive FROM trip;
                """);
        p.step().insert("trip", row(1L, LocalDateTime.of(2024, 5, 1, 22, 30), 90L * 60_000)).run();
        assertThat(p.view("arrival")).isEqualTo(bag(row(1L, LocalDateTime.of(2024, 5, 2, 0, 0))));
    }
}
