package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TUMBLE, HOP and SESSION table functions (Feldera's syntax): hand-computed answers, and random inserts and
 * deletes compared after every step with PostgreSQL computing the same windows with {@code date_bin},
 * {@code generate_series} and window functions (PostgreSQL has no such table functions).
 */
class TimeWindowTableFunctionsTest {

    private static final String DDL = "CREATE TABLE t (id INT NOT NULL, g INT, v INT, ts TIMESTAMP)";
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 30, 22, 0);

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    private static LocalDateTime at(int hour, int minute) {
        return LocalDateTime.of(2024, 1, 1, hour, minute);
    }

    @Test
    void tumbleAndHopByHand() {
        ProgramRunner p = new ProgramRunner(DDL + """
                ;
                CREATE VIEW tumbled AS SELECT id, window_start, window_end
                  FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR));
                CREATE VIEW shifted AS SELECT id, window_start FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '15' MINUTE));
                CREATE VIEW hopped AS SELECT id, window_start, window_end
                  FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '30' MINUTE, INTERVAL '1' HOUR));
                CREATE VIEW gaps AS SELECT id, window_start FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '20' MINUTE));
                CREATE VIEW per_hour AS SELECT window_start, COUNT(*) AS n, SUM(v) AS s
                  FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start;
                """);
        p.step().insert("t", row(1L, 1L, 10L, at(10, 0)), row(2L, 1L, 20L, at(10, 59)), row(3L, 2L, 5L, at(11, 25)),
                row(4L, 2L, 7L, null)).run();
        assertThat(p.view("tumbled")).isEqualTo(bag(row(1L, at(10, 0), at(11, 0)), row(2L, at(10, 0), at(11, 0)),
                row(3L, at(11, 0), at(12, 0)), row(4L, null, null)));
        assertThat(p.view("shifted")).isEqualTo(bag(row(1L, at(9, 15)), row(2L, at(10, 15)), row(3L, at(11, 15)),
                row(4L, null)));
        // 30-minute slides of 1-hour windows: two windows per row; a NULL timestamp has none
        assertThat(p.view("hopped")).isEqualTo(bag(row(1L, at(9, 30), at(10, 30)), row(1L, at(10, 0), at(11, 0)),
                row(2L, at(10, 0), at(11, 0)), row(2L, at(10, 30), at(11, 30)),
                row(3L, at(10, 30), at(11, 30)), row(3L, at(11, 0), at(12, 0))));
        // 20-minute windows every hour: 10:59 and 11:25 fall in gaps
        assertThat(p.view("gaps")).isEqualTo(bag(row(1L, at(10, 0))));
        assertThat(p.view("per_hour")).isEqualTo(bag(row(at(10, 0), 2L, 30L), row(at(11, 0), 1L, 5L), row(null, 1L, 7L)));
        p.step().delete("t", row(2L, 1L, 20L, at(10, 59))).insert("t", row(5L, 3L, 1L, at(11, 0))).run();
        assertThat(p.view("per_hour")).isEqualTo(bag(row(at(10, 0), 1L, 10L), row(at(11, 0), 2L, 6L), row(null, 1L, 7L)));
    }

    @Test
    void sessionsMergeAndSplitByHand() {
        ProgramRunner p = new ProgramRunner(DDL + """
                ;
                CREATE VIEW sessions AS SELECT g, window_start, window_end, COUNT(*) AS n
                  FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(g), INTERVAL '10' MINUTE))
                  GROUP BY g, window_start, window_end;
                """);
        p.step().insert("t", row(1L, 1L, 0L, at(10, 0)), row(2L, 1L, 0L, at(10, 5)), row(3L, 1L, 0L, at(10, 20)),
                row(4L, 2L, 0L, at(10, 3)), row(5L, 2L, 0L, null)).run();
        assertThat(p.view("sessions")).isEqualTo(bag(row(1L, at(10, 0), at(10, 15), 2L), row(1L, at(10, 20), at(10, 30), 1L),
                row(2L, at(10, 3), at(10, 13), 1L)));
        // 10:12 bridges the two sessions of key 1 (10:05 + 10 > 10:12, 10:12 + 10 > 10:20)
        p.step().insert("t", row(6L, 1L, 0L, at(10, 12))).run();
        assertThat(p.view("sessions")).isEqualTo(bag(row(1L, at(10, 0), at(10, 30), 4L), row(2L, at(10, 3), at(10, 13), 1L)));
        // deleting it splits them again; exactly the gap apart is a new session
        p.step().delete("t", row(6L, 1L, 0L, at(10, 12))).insert("t", row(7L, 2L, 0L, at(10, 13))).run();
        assertThat(p.view("sessions")).isEqualTo(bag(row(1L, at(10, 0), at(10, 15), 2L), row(1L, at(10, 20), at(10, 30), 1L),
                row(2L, at(10, 3), at(10, 13), 1L), row(2L, at(10, 13), at(10, 23), 1L)));
    }

    @Test
    void badArgumentsAreDiagnostics() {
        CompilationResult r = new SqlCompiler().compile(DDL + """
                ;
                CREATE VIEW monthly AS SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MONTH));
                """);
        assertThat(r.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(r.diagnostics()).extracting(Diagnostic::message).singleElement().asString()
                .contains("TUMBLE").contains("days or shorter").doesNotContain("Logical");
        CompilationResult zero = new SqlCompiler().compile(DDL + """
                ;
                CREATE VIEW z AS SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '0' MINUTE, INTERVAL '1' HOUR));
                """);
        assertThat(zero.diagnostics()).extracting(Diagnostic::message).singleElement().asString().contains("positive");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void windowsMatchPostgresUnderInsertsAndDeletes(int seed) throws Exception {
        String binned = "date_bin('1 hour', ts, TIMESTAMP '1970-01-01 00:15')";
        String hops = "generate_series(date_bin('20 minutes', ts, TIMESTAMP '1970-01-01') - INTERVAL '40 minutes',"
                + " date_bin('20 minutes', ts, TIMESTAMP '1970-01-01'), INTERVAL '20 minutes')";
        String sessionized = "SELECT id, g, v, ts, MIN(ts) OVER (PARTITION BY g, sid) AS window_start,"
                + " MAX(ts) OVER (PARTITION BY g, sid) + INTERVAL '30 minutes' AS window_end FROM ("
                + " SELECT o.*, SUM(fresh) OVER (PARTITION BY g ORDER BY ts, id ROWS UNBOUNDED PRECEDING) AS sid FROM ("
                + " SELECT t.*, CASE WHEN ts - LAG(ts) OVER (PARTITION BY g ORDER BY ts, id) < INTERVAL '30 minutes'"
                + " THEN 0 ELSE 1 END AS fresh FROM t WHERE ts IS NOT NULL) o) s";
        pg.program(DDL)
                .view("tumbled", "SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '15' MINUTE))",
                        "SELECT t.*, " + binned + " AS window_start, " + binned + " + INTERVAL '1 hour' AS window_end FROM t")
                .view("per_window", "SELECT window_start, window_end, g, COUNT(*) AS n, SUM(v) AS s, MAX(ts) AS last_ts"
                                + " FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '20' MINUTE, INTERVAL '1' HOUR))"
                                + " GROUP BY window_start, window_end, g",
                        "SELECT w AS window_start, w + INTERVAL '1 hour' AS window_end, g, COUNT(*) AS n, SUM(v) AS s,"
                                + " MAX(ts) AS last_ts FROM t, " + hops + " w WHERE w + INTERVAL '1 hour' > ts"
                                + " GROUP BY w, g")
                .view("sessions", "SELECT * FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(g), INTERVAL '30' MINUTE))",
                        sessionized)
                .compile()
                .randomSteps(seed, 12, 10, 5, Map.of("t", TimeWindowTableFunctionsTest::randomRow));
    }

    private static int ids;

    private static Object[] randomRow(Random random) {
        Object g = random.nextInt(8) == 0 ? null : (long) random.nextInt(3);
        Object v = random.nextInt(8) == 0 ? null : (long) random.nextInt(101) - 50;
        Object ts = random.nextInt(8) == 0 ? null : T0.plusMinutes(random.nextInt(600)).plusSeconds(random.nextInt(2) * 30);
        return new Object[] {(long) ++ids, g, v, ts};
    }
}
