package io.pipelinemanager.core.internal.compiler;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Results PostgreSQL defines, checked against PostgreSQL after every insert and delete step. */
class PostgresSemanticsTest {

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    private static Map<String, Function<Random, Object[]>> gen(String table, Function<Random, Object[]> g) {
        return Map.of(table, g);
    }

    @Test
    void varianceOfExactColumnsHasPostgresPrecision() throws Exception {
        pg.program("CREATE TABLE t(g INT, a INT, d DECIMAL(12, 3), f DOUBLE PRECISION)")
                .view("v", "SELECT g, VAR_POP(a) AS vp, VAR_SAMP(a) AS vs, STDDEV_POP(a) AS sp, STDDEV_SAMP(a) AS ss,"
                        + " VAR_SAMP(d) AS vd, STDDEV_SAMP(d) AS sd, VAR_POP(f) AS vf, STDDEV(a) AS s2, VARIANCE(d) AS v2"
                        + " FROM t GROUP BY g")
                .view("w", "SELECT VAR_SAMP(a) AS vs, STDDEV_POP(d) AS sp, AVG(a) AS aa, AVG(d) AS ad FROM t")
                .exactScale()
                .compile()
                .randomSteps(1, 12, 6, 4, gen("t", r -> new Object[] {(long) r.nextInt(3),
                        r.nextInt(10) == 0 ? null : (long) r.nextInt(1000) - 500,
                        BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 3), r.nextDouble() * 100}));
    }

    @Test
    void lateralAggregateKeepsOuterRowsWithoutMatch() throws Exception {
        pg.program("CREATE TABLE t(k INT, a INT); CREATE TABLE u(k INT, b INT)")
                .view("v1", "SELECT t.a, (SELECT SUM(b) FROM u WHERE u.k = t.k) AS s FROM t")
                .view("v2", "SELECT t.a, (SELECT COUNT(*) FROM u WHERE u.k = t.k) AS c FROM t")
                .view("v3", "SELECT t.a, x.s FROM t, LATERAL (SELECT SUM(b) AS s FROM u WHERE u.k = t.k) x")
                .view("v4", "SELECT t.a, x.c, x.m FROM t CROSS JOIN LATERAL (SELECT COUNT(b) AS c, MAX(b) AS m FROM u WHERE u.k = t.k) x")
                .view("v5", "SELECT t.a, x.c FROM t, LATERAL (SELECT COUNT(b) + 1 AS c FROM u WHERE u.k = t.k) x")
                .view("v6", "SELECT t.a, x.s FROM t, LATERAL (SELECT b, SUM(b) AS s FROM u WHERE u.k = t.k GROUP BY b) x")
                .view("v7", "SELECT t.a, x.s FROM t, LATERAL (SELECT SUM(b) AS s FROM u WHERE u.k = t.k HAVING SUM(b) > 50) x")
                .compile()
                .randomSteps(2, 12, 4, 3, Map.of(
                        "t", r -> new Object[] {(long) r.nextInt(6), (long) r.nextInt(100)},
                        "u", r -> new Object[] {(long) r.nextInt(6), r.nextInt(5) == 0 ? null : (long) r.nextInt(100)}));
    }

    @Test
    void charComparesWithPaddingRules() throws Exception {
        pg.program("CREATE TABLE t(c CHAR(5), v VARCHAR(8))")
                .view("v1", "SELECT c, v, c = v AS eq, c < v AS lt, c || '|' AS cat, CHAR_LENGTH(c) AS n FROM t")
                .view("v2", "SELECT c, COUNT(*) AS n FROM t GROUP BY c")
                .view("v3", "SELECT v FROM t WHERE CAST(v AS CHAR(5)) = c")
                .view("v4", "SELECT v, c, v = 'ab' AS a1, 'x ' || v AS a2, c = 'ab ' AS a3, UPPER(c) AS a4,"
                        + " CAST(c AS VARCHAR(5)) || '|' AS a5, c IN ('a', 'ab') AS a6, v > 'a ' AS a7,"
                        + " CAST(v AS CHAR(2)) AS a8 FROM t")
                .view("patterns", "SELECT c, c LIKE 'ab' AS l1, c LIKE 'ab %' AS l2, c LIKE 'a%' AS l3, c ~ 'b$' AS r1,"
                        + " c ~ '^a' AS r2, c SIMILAR TO 'ab' AS s1, c ILIKE 'A%' AS i1, POSITION('b' IN c) AS p,"
                        + " LENGTH(c) AS n FROM t")
                .view("v5", "SELECT x.c, y.v FROM t x JOIN t y ON x.c = y.v")
                .compile()
                .randomSteps(3, 10, 5, 3, gen("t", r -> new Object[] {
                        new String[] {"a", "ab", "a  ", "", "b "}[r.nextInt(5)],
                        new String[] {"a", "ab ", "a  ", "", "b", "ab"}[r.nextInt(6)]}));
    }
}
