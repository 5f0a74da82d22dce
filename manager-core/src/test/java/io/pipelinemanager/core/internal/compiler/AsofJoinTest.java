package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ASOF joins (Feldera's and Calcite's {@code MATCH_CONDITION} syntax): by hand, and under random inserts and
 * deletes on both sides compared with PostgreSQL's equivalent {@code LEFT JOIN LATERAL (... ORDER BY ... LIMIT 1)}
 * (ties between right rows with the same match value go to the greatest row, here the greatest {@code qid}).
 */
class AsofJoinTest {

    private static final String DDL = "CREATE TABLE t (id INT NOT NULL, k INT, ts TIMESTAMP);"
            + " CREATE TABLE q (qid INT NOT NULL, k INT, ts TIMESTAMP, price INT)";
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 5, 1, 9, 0);

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    @Test
    void latestQuoteAtTradeTimeByHand() {
        ProgramRunner p = new ProgramRunner(DDL + """
                ;
                CREATE VIEW priced AS SELECT t.id, q.price FROM t LEFT ASOF JOIN q MATCH_CONDITION t.ts >= q.ts ON t.k = q.k;
                """);
        p.step().insert("q", row(1L, 1L, T0, 100L), row(2L, 1L, T0.plusMinutes(10), 110L), row(3L, 2L, T0, 7L))
                .insert("t", row(1L, 1L, T0.plusMinutes(5)), row(2L, 1L, T0.minusMinutes(1)), row(3L, 2L, null),
                        row(4L, null, T0.plusMinutes(5)))
                .run();
        assertThat(p.view("priced")).isEqualTo(bag(row(1L, 100L), row(2L, null), row(3L, null), row(4L, null)));
        // a quote between the trade and the one it matched takes over; deleting it gives the old match back
        p.step().insert("q", row(4L, 1L, T0.plusMinutes(5), 105L)).run();
        assertThat(p.view("priced")).isEqualTo(bag(row(1L, 105L), row(2L, null), row(3L, null), row(4L, null)));
        p.step().delete("q", row(4L, 1L, T0.plusMinutes(5), 105L)).delete("t", row(2L, 1L, T0.minusMinutes(1))).run();
        assertThat(p.view("priced")).isEqualTo(bag(row(1L, 100L), row(3L, null), row(4L, null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void matchesPostgresUnderInsertsAndDeletes(int seed) throws Exception {
        pg.program(DDL)
                .view("ge", "SELECT t.id, q.qid, q.price FROM t LEFT ASOF JOIN q MATCH_CONDITION t.ts >= q.ts ON t.k = q.k",
                        lateral("q.ts <= t.ts ORDER BY q.ts DESC, q.qid DESC", true))
                .view("gt", "SELECT t.id, q.qid, q.price FROM t ASOF JOIN q MATCH_CONDITION q.ts < t.ts ON t.k = q.k",
                        lateral("q.ts < t.ts ORDER BY q.ts DESC, q.qid DESC", false))
                .view("le", "SELECT t.id, q.qid, q.price FROM t LEFT ASOF JOIN q MATCH_CONDITION t.ts <= q.ts ON q.k = t.k",
                        lateral("q.ts >= t.ts ORDER BY q.ts, q.qid DESC", true))
                .view("lt", "SELECT t.id, q.qid FROM t ASOF JOIN q MATCH_CONDITION t.ts < q.ts ON t.k = q.k",
                        "SELECT id, qid FROM (" + lateral("q.ts > t.ts ORDER BY q.ts, q.qid DESC", false) + ") x")
                .view("filtered", "SELECT t.id, q.price FROM t LEFT ASOF JOIN q MATCH_CONDITION t.ts >= q.ts"
                                + " ON t.k = q.k WHERE q.price > 50",
                        "SELECT id, price FROM (" + lateral("q.ts <= t.ts ORDER BY q.ts DESC, q.qid DESC", true)
                                + ") x WHERE price > 50")
                .view("totals", "SELECT t.k, COUNT(q.qid) AS matched, SUM(q.price) AS s FROM t LEFT ASOF JOIN q"
                                + " MATCH_CONDITION t.ts >= q.ts ON t.k = q.k GROUP BY t.k",
                        "SELECT k, COUNT(qid) AS matched, SUM(price) AS s FROM ("
                                + "SELECT t.k, x.qid, x.price FROM t LEFT JOIN LATERAL (SELECT q.qid, q.price FROM q"
                                + " WHERE q.k = t.k AND q.ts <= t.ts ORDER BY q.ts DESC, q.qid DESC LIMIT 1) x ON TRUE) y"
                                + " GROUP BY k")
                .compile()
                .randomSteps(seed, 12, 6, 4, Map.of(
                        "t", r -> new Object[] {(long) ++ids, maybe(r, (long) r.nextInt(3)), maybe(r, time(r))},
                        "q", r -> new Object[] {(long) ++ids, maybe(r, (long) r.nextInt(3)), maybe(r, time(r)),
                                (long) r.nextInt(100)}));
    }

    private static String lateral(String conditionAndOrder, boolean outer) {
        return "SELECT t.id, x.qid, x.price FROM t " + (outer ? "LEFT " : "") + "JOIN LATERAL (SELECT q.qid, q.price"
                + " FROM q WHERE q.k = t.k AND " + conditionAndOrder + " LIMIT 1) x ON TRUE";
    }

    private static int ids;

    private static Object maybe(Random r, Object value) {
        return r.nextInt(8) == 0 ? null : value;
    }

    private static LocalDateTime time(Random r) {
        return T0.plusMinutes(5L * r.nextInt(12));
    }
}
