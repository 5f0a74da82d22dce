package io.pipelinemanager.core.internal.compiler;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's function library, each function in several views over random data, compared with PostgreSQL
 * after every step of inserts and deletes (and as a snapshot query). See {@link PostgresOracle}.
 */
class PostgresFunctionsTest {

    private static final String[] WORDS = {"alpha", "Beta gamma", "a,b,,c", "", "x", "hello world-wide", "aaa",
        "AbC", "tab\tbed", "ünï çödé", "a.c", "abc", "%_", "12,34,56"};
    private static final String[] SEPARATORS = {",", "-", "", " ", ",,"};

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    private static String word(Random r) {
        return r.nextInt(12) == 0 ? null : WORDS[r.nextInt(WORDS.length)];
    }

    private static Map<String, Function<Random, Object[]>> strings() {
        return Map.of("t", r -> new Object[] {(long) r.nextInt(4), word(r), word(r),
                r.nextInt(10) == 0 ? null : (long) r.nextInt(15) - 7, SEPARATORS[r.nextInt(SEPARATORS.length)]});
    }

    private static final String STRINGS = "CREATE TABLE t(g INT, s VARCHAR(30), u VARCHAR(30), n INT, sep VARCHAR(3))";

    @Test
    void stringFunctions() throws Exception {
        pg.program(STRINGS)
                .view("c", "SELECT s, u, n, CONCAT(s, u), CONCAT(s, '-', n, NULL), CONCAT_WS(sep, s, u, n),"
                        + " CONCAT_WS(NULL, s), CONCAT_WS(',', s, NULL, u) FROM t")
                .view("lr", "SELECT s, n, LEFT(s, n), RIGHT(s, n), LEFT(s, 2), RIGHT(s, -2), LENGTH(s) FROM t")
                .view("pad", "SELECT s, n, LPAD(s, n), RPAD(s, n), LPAD(s, n + 6, 'xy'), RPAD(s, 8, u),"
                        + " LPAD(s, 3, '') FROM t")
                .view("misc", "SELECT s, n, REVERSE(s), REPEAT(s, n), REPEAT(u, 2), INITCAP(s), MD5(s), STRPOS(s, 'a'),"
                        + " STARTS_WITH(s, u) FROM t")
                .view("split", "SELECT s, n, SPLIT_PART(s, ',', 2), SPLIT_PART(s, sep, n), SPLIT_PART(s, ' ', -1)"
                        + " FROM t WHERE n IS NULL OR n <> 0")
                .compile()
                .randomSteps(11, 10, 6, 3, strings());
    }

    @Test
    void regularExpressions() throws Exception {
        pg.program(STRINGS)
                .view("re", "SELECT s, REGEXP_REPLACE(s, 'a+', 'X'), REGEXP_REPLACE(s, 'a', 'X', 'g'),"
                        + " REGEXP_REPLACE(s, '[aeiou]', '<\\&>', 'gi'), REGEXP_REPLACE(s, '(\\w+) (\\w+)', '\\2 \\1'),"
                        + " REGEXP_REPLACE(s, '[[:digit:]]+', '#', 'g'), REGEXP_REPLACE(s, '$', '$1') FROM t")
                .view("matching", "SELECT s, REGEXP_LIKE(s, 'a.c'), REGEXP_LIKE(s, '^a', 'i'), REGEXP_LIKE(s, u),"
                        + " s SIMILAR TO 'a%', s SIMILAR TO '(a|b)%c', s NOT SIMILAR TO '%[0-9]%', s SIMILAR TO 'a_c',"
                        + " s ILIKE 'A%', s NOT ILIKE '%B%' FROM t")
                .view("filtered", "SELECT g, COUNT(*) FROM t WHERE s SIMILAR TO '%(a|e)%' GROUP BY g")
                .view("tilde", "SELECT s, u, s ~ 'a.c', s ~* '^a', s !~ 'b', s !~* 'B', s ~ u, s !~ u,"
                        + " s ~ '[[:upper:]]', s ~* ('A' || 'B') FROM t WHERE s ~ '[ae]' OR s !~* 'x'")
                .view("matched", "SELECT s, u, REGEXP_MATCH(s, '(a)(b)?'), REGEXP_MATCH(s, 'a.c'),"
                        + " REGEXP_MATCH(s, '([a-z]+) ([a-z]+)'), REGEXP_MATCH(s, '^(a)', 'i'), REGEXP_MATCH(s, u),"
                        + " REGEXP_MATCH(s, '(x)|(b)'), (REGEXP_MATCH(s, '([0-9]+),'))[1] FROM t")
                .view("match_groups", "SELECT REGEXP_MATCH(s, '[a-c]+'), COUNT(*) FROM t GROUP BY REGEXP_MATCH(s, '[a-c]+')")
                .compile()
                .randomSteps(12, 10, 6, 3, Map.of("t", r -> new Object[] {(long) r.nextInt(4), word(r),
                        new String[] {"a", "^b", "c$", "[a-c]+"}[r.nextInt(4)], 1L, ","}));
    }

    @Test
    void greatestLeastAndCasts() throws Exception {
        pg.program("CREATE TABLE t(a INT, b INT, d DECIMAL(8, 2), f DOUBLE PRECISION, s VARCHAR(5), u VARCHAR(5))")
                .view("gl", "SELECT a, b, GREATEST(a, b), LEAST(a, b), GREATEST(a, b, 5), LEAST(a, NULL, b),"
                        + " GREATEST(d, a), LEAST(s, u), GREATEST(s, u, 'm') FROM t")
                .view("casts", "SELECT d, f, CAST(d AS INT), CAST(f AS INT), CAST(d AS BIGINT), CAST(f AS SMALLINT),"
                        + " CAST(-d AS INT), CAST(-f AS INT) FROM t")
                .compile()
                .randomSteps(13, 10, 6, 3, Map.of("t", r -> new Object[] {
                        r.nextInt(5) == 0 ? null : (long) r.nextInt(10), r.nextInt(5) == 0 ? null : (long) r.nextInt(10),
                        BigDecimal.valueOf(r.nextInt(2000) - 1000, 2).setScale(2).add(new BigDecimal("0.5").multiply(
                                BigDecimal.valueOf(r.nextInt(2)))).setScale(2),
                        (r.nextInt(200) - 100) / 2.0 + (r.nextInt(3) == 0 ? 0.25 : 0),
                        r.nextInt(5) == 0 ? null : WORDS[r.nextInt(WORDS.length)].substring(0,
                                Math.min(5, WORDS[r.nextInt(WORDS.length)].length() == 0 ? 0 : 1)),
                        new String[] {"a", "b", "zz", "m", null}[r.nextInt(5)]}));
    }

    @Test
    void castsThatOverflowFailLikePostgres() throws Exception {
        // PostgreSQL: integer out of range; the engine raises an overflow for the same values.
        for (String sql : new String[] {"SELECT CAST(2147483647.5 AS INT)", "SELECT CAST(32767.5e0 AS SMALLINT)"}) {
            org.assertj.core.api.Assertions.assertThat(pg.errorOf(sql)).contains("out of range");
        }
        pg.program("CREATE TABLE t(d DECIMAL(12, 1), f DOUBLE PRECISION)");
        CompilationResult r = new SqlCompiler().compile("CREATE TABLE t(d DECIMAL(12, 1), f DOUBLE);"
                + " CREATE VIEW v AS SELECT CAST(d AS INT) AS i, CAST(f AS SMALLINT) AS s FROM t;");
        var circuit = r.artifact().newCircuit();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> circuit.step(Map.of("t",
                        io.pipelinemanager.core.internal.engine.zset.ZSet.ofRows(
                                io.pipelinemanager.core.internal.engine.zset.Rows.of(new BigDecimal("2147483647.5"), 1.0)))))
                .hasMessageContaining("out of range");
        var circuit2 = r.artifact().newCircuit();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> circuit2.step(Map.of("t",
                        io.pipelinemanager.core.internal.engine.zset.ZSet.ofRows(
                                io.pipelinemanager.core.internal.engine.zset.Rows.of(BigDecimal.ONE.setScale(1), 32767.5)))))
                .hasMessageContaining("out of range");
    }

    private static Map<String, Function<Random, Object[]>> times() {
        return Map.of("t", r -> {
            LocalDateTime ts = LocalDateTime.of(1999 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000);
            return new Object[] {(long) r.nextInt(3), r.nextInt(8) == 0 ? null : ts,
                    r.nextInt(8) == 0 ? null : ts.toLocalDate().plusDays(r.nextInt(400)), (long) (1990 + r.nextInt(40)),
                    (long) (1 + r.nextInt(12)), (long) (1 + r.nextInt(28))};
        });
    }

    @Test
    void dateFunctions() throws Exception {
        pg.program("CREATE TABLE t(g INT, ts TIMESTAMP, d DATE, y INT, m INT, dd INT)")
                .view("trunc", "SELECT ts, DATE_TRUNC('year', ts), DATE_TRUNC('quarter', ts), DATE_TRUNC('month', ts),"
                        + " DATE_TRUNC('week', ts), DATE_TRUNC('day', ts), DATE_TRUNC('hour', ts), DATE_TRUNC('minute', ts),"
                        + " DATE_TRUNC('second', ts), DATE_TRUNC('decade', ts), DATE_TRUNC('century', ts),"
                        + " DATE_TRUNC('millennium', ts), DATE_TRUNC('milliseconds', ts) FROM t")
                .view("parts", "SELECT d, EXTRACT(DOW FROM d), EXTRACT(ISODOW FROM d), EXTRACT(DOY FROM d),"
                        + " EXTRACT(WEEK FROM d), EXTRACT(QUARTER FROM d), EXTRACT(EPOCH FROM d), EXTRACT(YEAR FROM d),"
                        + " DATE_PART('dow', d), DATE_PART('isodow', d), DATE_PART('month', d), EXTRACT(ISOYEAR FROM d),"
                        + " EXTRACT(DECADE FROM d), EXTRACT(CENTURY FROM d), EXTRACT(MILLENNIUM FROM d) FROM t")
                .view("tparts", "SELECT ts, EXTRACT(HOUR FROM ts), EXTRACT(MINUTE FROM ts), DATE_PART('dow', ts),"
                        + " EXTRACT(DAY FROM ts), EXTRACT(EPOCH FROM DATE_TRUNC('second', ts)), EXTRACT(EPOCH FROM ts),"
                        + " EXTRACT(SECOND FROM ts), EXTRACT(MILLISECOND FROM ts),"
                        + " DATE_PART('seconds', ts) FROM t")
                .view("durations", "SELECT g, SUM(EXTRACT(EPOCH FROM ts)) FROM t GROUP BY g")
                .view("chars", "SELECT ts, TO_CHAR(ts, 'YYYY-MM-DD HH24:MI:SS.MS'), TO_CHAR(ts, 'Mon DD, YYYY HH12:MI AM'),"
                        + " TO_CHAR(ts, 'Day Month YY'), TO_CHAR(ts, 'FMDay, FMMonth FMDD'), TO_CHAR(ts, 'DY MON dy mon'),"
                        + " TO_CHAR(ts, 'Q D ID DDD IW IYYY \"week\" US'), TO_CHAR(d, 'YYYY/MM/DD'),"
                        + " TO_CHAR(ts, 'HH:MI:SS p.m.') FROM t")
                .view("make", "SELECT y, m, dd, MAKE_DATE(y, m, dd) FROM t")
                .view("byweek", "SELECT DATE_TRUNC('week', ts) AS w, COUNT(*) FROM t GROUP BY DATE_TRUNC('week', ts)")
                .compile()
                .randomSteps(14, 10, 6, 3, times());
    }

    @Test
    void stringAndBooleanAggregates() throws Exception {
        pg.program("CREATE TABLE t(g INT, k INT, s VARCHAR(10), sep VARCHAR(2), b BOOLEAN)")
                .view("sa", "SELECT g, STRING_AGG(s, ',' ORDER BY s), STRING_AGG(s, sep ORDER BY k DESC, s),"
                        + " STRING_AGG(s, '' ORDER BY s DESC) FROM t GROUP BY g")
                .view("sad", "SELECT STRING_AGG(DISTINCT s, '|' ORDER BY s) FROM t")
                .view("sanull", "SELECT g, STRING_AGG(s, ', ' ORDER BY k NULLS FIRST, s) FROM t GROUP BY g")
                .view("bools", "SELECT g, BOOL_AND(b), BOOL_OR(b), EVERY(b), BOOL_AND(k > 2), COUNT(*) FROM t GROUP BY g")
                .view("gbools", "SELECT BOOL_AND(b), BOOL_OR(b), EVERY(b) FROM t")
                .compile()
                .randomSteps(15, 12, 6, 4, Map.of("t", r -> new Object[] {(long) r.nextInt(3),
                        r.nextInt(6) == 0 ? null : (long) r.nextInt(5), r.nextInt(6) == 0 ? null : "v" + r.nextInt(6),
                        new String[] {",", ";", ""}[r.nextInt(3)], r.nextInt(5) == 0 ? null : r.nextBoolean()}));
    }

    @Test
    void textOfAllTypesInConcat() throws Exception {
        // Booleans given to CONCAT are left out: the engine writes true/false where PostgreSQL writes t/f (README).
        pg.program("CREATE TABLE t(i INT, d DECIMAL(6, 2), ts TIMESTAMP, dt DATE, b BOOLEAN)")
                .view("c", "SELECT CONCAT(i, '|', d, '|', ts, '|', dt), CONCAT_WS('/', i, d, dt),"
                        + " CAST(b AS VARCHAR), 'x' || CAST(b AS VARCHAR(5)) FROM t")
                .compile()
                .insert("t", new Object[] {1L, new BigDecimal("2.50"), LocalDateTime.of(2020, 1, 2, 3, 4, 5),
                        LocalDate.of(2021, 2, 3), true}, new Object[] {null, null, null, null, false});
    }
}
