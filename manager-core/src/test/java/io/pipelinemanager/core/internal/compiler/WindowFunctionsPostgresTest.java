package io.pipelinemanager.core.internal.compiler;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window functions and frames checked against PostgreSQL ({@link PostgresOracle}): random inserts and deletes,
 * every view compared after every step, incrementally and as a snapshot query. ORDER BY lists are total
 * wherever PostgreSQL's answer would otherwise depend on the physical order of peers.
 */
class WindowFunctionsPostgresTest {

    private static final String DDL = "CREATE TABLE t (id INT NOT NULL, g INT, k INT, v INT, m DECIMAL(8, 2),"
            + " ts TIMESTAMP, dt DATE)";
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 30, 22, 0);

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void rankingFunctions(int seed) throws Exception {
        run(seed, views("SELECT id, ROW_NUMBER() OVER (PARTITION BY g ORDER BY k, id) AS rn,"
                + " RANK() OVER (PARTITION BY g ORDER BY k) AS r, DENSE_RANK() OVER (PARTITION BY g ORDER BY k) AS dr,"
                + " PERCENT_RANK() OVER (PARTITION BY g ORDER BY k) AS pr, CUME_DIST() OVER (PARTITION BY g ORDER BY k) AS cd,"
                + " NTILE(3) OVER (PARTITION BY g ORDER BY k, id) AS n3, NTILE(7) OVER (ORDER BY v DESC, id) AS n7 FROM t",
                "SELECT id, DENSE_RANK() OVER (ORDER BY k DESC NULLS LAST) AS dr,"
                + " PERCENT_RANK() OVER (ORDER BY v NULLS FIRST) AS pr, RANK() OVER (PARTITION BY g, k ORDER BY m) AS r FROM t"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void offsetAndValueFunctions(int seed) throws Exception {
        run(seed, views("SELECT id, LAG(v) OVER (PARTITION BY g ORDER BY k, id) AS l1,"
                + " LAG(v, 2, -1) OVER (PARTITION BY g ORDER BY k, id) AS l2, LEAD(v) OVER (PARTITION BY g ORDER BY k, id) AS d1,"
                + " LEAD(m, 3, 0.5) OVER (ORDER BY id) AS d3, LAG(ts, 1, ts) OVER (PARTITION BY g ORDER BY id) AS lt,"
                + " LEAD(v, 1, k) OVER (ORDER BY id DESC) AS dk, LAG(v, -1) OVER (ORDER BY id) AS neg FROM t",
                "SELECT id, FIRST_VALUE(v) OVER (PARTITION BY g ORDER BY k, id) AS fv,"
                + " LAST_VALUE(v) OVER (PARTITION BY g ORDER BY k, id) AS lv,"
                + " LAST_VALUE(k) OVER (PARTITION BY g ORDER BY k) AS lk,"
                + " FIRST_VALUE(m) OVER (PARTITION BY g ORDER BY id DESC) AS fm,"
                + " NTH_VALUE(v, 2) OVER (PARTITION BY g ORDER BY k, id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) AS nv,"
                + " FIRST_VALUE(v) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) AS f2,"
                + " LAST_VALUE(v) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS l3 FROM t WHERE g IS NOT NULL"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void rowsFrames(int seed) throws Exception {
        run(seed, views("SELECT id,"
                + " SUM(v) OVER (PARTITION BY g ORDER BY k, id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS s,"
                + " COUNT(*) OVER (PARTITION BY g ORDER BY k, id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS c,"
                + " MIN(v) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS mn,"
                + " MAX(m) OVER (ORDER BY id DESC ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS mx,"
                + " COUNT(v) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING) AS cv,"
                + " SUM(m) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS sm"
                + " FROM t",
                "SELECT id, SUM(v) OVER (PARTITION BY g ORDER BY k) AS running_with_peers,"
                + " COUNT(*) OVER (ORDER BY k DESC) AS c, MAX(v) OVER (PARTITION BY k) AS whole FROM t",
                "SELECT id, SUM(v) OVER (PARTITION BY g ORDER BY k, id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW) AS s,"
                + " COUNT(*) OVER (ORDER BY k RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE GROUP) AS cg,"
                + " SUM(v) OVER (ORDER BY k RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) AS st,"
                + " MAX(v) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING EXCLUDE GROUP) AS mg,"
                + " FIRST_VALUE(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) AS fv,"
                + " LAST_VALUE(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
                + " EXCLUDE CURRENT ROW) AS lv,"
                + " NTH_VALUE(v, 2) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE GROUP) AS nv,"
                + " FIRST_VALUE(k) OVER (ORDER BY k RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE GROUP) AS fk FROM t"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void rangeFramesOverNumbers(int seed) throws Exception {
        run(seed, views("SELECT id,"
                + " SUM(v) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS s,"
                + " COUNT(v) OVER (ORDER BY k DESC RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS c,"
                + " MAX(v) OVER (ORDER BY k NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS mx,"
                + " MIN(v) OVER (ORDER BY k RANGE BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS mn,"
                + " COUNT(*) OVER (ORDER BY k DESC NULLS LAST RANGE BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS cd,"
                + " SUM(m) OVER (ORDER BY m RANGE BETWEEN 1.5 PRECEDING AND 0.25 FOLLOWING) AS sm FROM t"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void rangeFramesOverTime(int seed) throws Exception {
        run(seed, views("SELECT id,"
                + " COUNT(*) OVER (PARTITION BY g ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS c,"
                + " SUM(v) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND INTERVAL '30' MINUTE FOLLOWING) AS s,"
                + " MAX(v) OVER (ORDER BY ts DESC RANGE BETWEEN INTERVAL '2' HOUR PRECEDING AND INTERVAL '1' HOUR PRECEDING) AS mx,"
                + " COUNT(*) OVER (ORDER BY dt RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS cdt,"
                + " MIN(id) OVER (ORDER BY dt RANGE BETWEEN INTERVAL '1' MONTH PRECEDING AND INTERVAL '12' HOUR FOLLOWING) AS mdt"
                + " FROM t"));
    }

    @Test
    void partitionsThatEmptyAndRefill() throws Exception {
        Random random = new Random(7);
        PostgresOracle.Program p = views(
                "SELECT id, g, LAG(v) OVER (PARTITION BY g ORDER BY id) AS l, NTILE(2) OVER (PARTITION BY g ORDER BY id) AS n,"
                + " SUM(v) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM t",
                "SELECT id, COUNT(*) OVER (PARTITION BY g ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS c FROM t");
        List<Object[]> rows = new ArrayList<>();
        for (int id = 1; id <= 12; id++) {
            rows.add(row(random, id));
        }
        p.insert("t", rows.toArray(new Object[0][]));
        Object g = rows.get(0)[1];
        p.delete("t", rows.stream().filter(r -> java.util.Objects.equals(r[1], g)).toArray(Object[][]::new));
        p.insert("t", row(random, 13), row(random, 14));
        p.delete("t", rows.stream().filter(r -> !java.util.Objects.equals(r[1], g)).toArray(Object[][]::new));
    }

    private static PostgresOracle.Program views(String... queries) throws Exception {
        PostgresOracle.Program p = pg.program(DDL);
        for (int i = 0; i < queries.length; i++) {
            p.view("w" + i, queries[i]);
        }
        return p.compile();
    }

    private static void run(int seed, PostgresOracle.Program program) throws Exception {
        program.randomSteps(seed, 12, 10, 5, Map.of("t", r -> row(r, ++IDS[0])));
    }

    private static final int[] IDS = new int[1];

    private static Object[] row(Random random, int id) {
        Object g = random.nextInt(8) == 0 ? null : (long) random.nextInt(3);
        Object k = random.nextInt(8) == 0 ? null : (long) random.nextInt(10);
        Object v = random.nextInt(8) == 0 ? null : (long) random.nextInt(101) - 50;
        Object m = random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextInt(2000) - 1000, 2);
        Object ts = random.nextInt(8) == 0 ? null : T0.plusMinutes(random.nextInt(600));
        Object dt = random.nextInt(8) == 0 ? null : LocalDate.of(2024, 2, 25).plusDays(random.nextInt(40));
        return new Object[] {(long) id, g, k, v, m, ts, dt};
    }
}
