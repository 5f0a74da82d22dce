package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.engine.type.RowValue;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ROW columns and expressions (PostgreSQL's composite values): the constructor, field access, IS [NOT] NULL of
 * NULL rows and rows of NULLs, comparisons, grouping, DISTINCT, joins and ordering on rows, compared with
 * PostgreSQL after every step of inserts and deletes and as snapshot queries. PostgreSQL declares the column
 * with a composite type made by {@code CREATE TYPE}; see {@link PostgresOracle}.
 */
class RowTypeTest {

    private static final String TABLES = "CREATE TABLE t(g INT, r ROW(a INT, b VARCHAR(10)), s VARCHAR(10))";
    private static final String PG_TABLES = "CREATE TYPE pair AS (a INT, b VARCHAR(10));\n"
            + "CREATE TABLE t(g INT, r pair, s VARCHAR(10))";
    private static final String[] WORDS = {"x", "y", "a b", "", "q\"t", "z,w", "(p)"};

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    private static Object word(Random r) {
        return r.nextInt(6) == 0 ? null : WORDS[r.nextInt(WORDS.length)];
    }

    private static RowValue pair(Random r) {
        if (r.nextInt(8) == 0) {
            return null;
        }
        return RowValue.of(r.nextInt(6) == 0 ? null : (long) r.nextInt(3), word(r));
    }

    private static Map<String, Function<Random, Object[]>> data() {
        return Map.of("t", r -> new Object[] {(long) r.nextInt(3), pair(r), word(r)});
    }

    @Test
    void constructorsAndFieldAccess() throws Exception {
        pg.program(TABLES, PG_TABLES)
                .view("fields", "SELECT g, (r).a, (r).b, r FROM t")
                .view("qualified", "SELECT g, t.r.a + g, UPPER(t.r.b) FROM t", "SELECT g, (t.r).a + g, UPPER((t.r).b) FROM t")
                .view("built", "SELECT g, ROW(g, s), ROW(g, NULL, s) FROM t")
                // Deviation: IS [NOT] NULL of a row tests the row itself (PostgreSQL: each field); the text of a row
                // of NULLs, "(,)", is not NULL, so r::text tests the row itself in PostgreSQL.
                .view("nulls", "SELECT g, r IS NULL, r IS NOT NULL, (r).a IS NULL, COALESCE(r, ROW(9, 'z')) FROM t",
                        "SELECT g, r::text IS NULL, r::text IS NOT NULL, (r).a IS NULL, COALESCE(r, ROW(9, 'z')::pair) FROM t")
                .view("filtered", "SELECT g, s FROM t WHERE (r).a = 1 OR (r).b = s")
                .compile()
                .randomSteps(31, 10, 6, 3, data());
    }

    @Test
    void groupingJoiningAndOrderingOnRows() throws Exception {
        pg.program(TABLES, PG_TABLES)
                .view("grouped", "SELECT r, COUNT(*), SUM(g) FROM t GROUP BY r")
                .view("by_field", "SELECT (r).b, COUNT(r), MAX((r).a) FROM t GROUP BY (r).b")
                .view("distinct_rows", "SELECT DISTINCT r FROM t")
                .view("joined", "SELECT x.g, y.g FROM t x JOIN t y ON x.r = y.r")
                .view("ordered", "SELECT g, r FROM t ORDER BY r DESC NULLS LAST, g LIMIT 3")
                .view("compared", "SELECT x.g, y.g, x.r < y.r, x.r = y.r FROM t x, t y WHERE x.g = 0 AND y.g = 1")
                .compile()
                .randomSteps(32, 10, 6, 3, data());
    }
}
