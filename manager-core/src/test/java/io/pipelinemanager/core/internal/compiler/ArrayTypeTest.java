package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ARRAY columns and expressions (constructors, subscripts, CARDINALITY, UNNEST, ARRAY_AGG, grouping and
 * joins on arrays), compared with PostgreSQL after every step of inserts and deletes and as snapshot
 * queries. See {@link PostgresOracle}.
 */
class ArrayTypeTest {

    private static final String TABLES = "CREATE TABLE t(g INT, a INT ARRAY, s VARCHAR(10));\n"
            + "CREATE TABLE u(k INT, tags VARCHAR(10) ARRAY)";
    private static final String[] WORDS = {"x", "y", "a b", "", "NULL", "q\"t", "z,w"};

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    private static List<Object> ints(Random r) {
        if (r.nextInt(10) == 0) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            out.add(r.nextInt(8) == 0 ? null : (long) r.nextInt(4));
        }
        return out;
    }

    private static List<Object> words(Random r) {
        if (r.nextInt(10) == 0) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            out.add(r.nextInt(8) == 0 ? null : WORDS[r.nextInt(WORDS.length)]);
        }
        return out;
    }

    private static Map<String, Function<Random, Object[]>> data() {
        return Map.of(
                "t", r -> new Object[] {(long) r.nextInt(3), ints(r), r.nextInt(6) == 0 ? null : WORDS[r.nextInt(WORDS.length)]},
                "u", r -> new Object[] {(long) r.nextInt(3), words(r)});
    }

    @Test
    void arrayExpressions() throws Exception {
        pg.program(TABLES)
                .view("items", "SELECT g, a, CARDINALITY(a), a[1], a[2], a[0], a[g] FROM t")
                .view("built", "SELECT g, ARRAY[g, g + 1, NULL], ARRAY[s, 'x'], CARDINALITY(ARRAY[s]) FROM t")
                .view("filtered", "SELECT g, s FROM t WHERE a[1] = 2 OR CARDINALITY(a) > 2")
                .view("tags", "SELECT k, tags, tags[1], CARDINALITY(tags) FROM u")
                .compile()
                .randomSteps(21, 10, 6, 3, data());
    }

    @Test
    void groupingAndJoiningOnArrays() throws Exception {
        pg.program(TABLES)
                .view("grouped", "SELECT a, COUNT(*), SUM(g) FROM t GROUP BY a")
                .view("distinct_tags", "SELECT DISTINCT tags FROM u")
                .view("joined", "SELECT x.g, y.g, x.a FROM t x JOIN t y ON x.a = y.a")
                .view("ordered", "SELECT g, a FROM t ORDER BY a DESC NULLS LAST, g LIMIT 3")
                .compile()
                .randomSteps(22, 10, 6, 3, data());
    }

    @Test
    void unnest() throws Exception {
        pg.program(TABLES)
                .view("elements", "SELECT g, x FROM t CROSS JOIN UNNEST(a) AS e(x)")
                .view("tag_counts", "SELECT tag, COUNT(*) FROM u, UNNEST(tags) AS e(tag) GROUP BY tag")
                .view("constant", "SELECT x FROM UNNEST(ARRAY[1, 2, 3]) AS e(x)")
                .compile()
                .randomSteps(23, 10, 6, 3, data());
    }

    @Test
    void unnestVariantsAndCasts() throws Exception {
        pg.program(TABLES)
                .view("ordinality", "SELECT g, x, o FROM t CROSS JOIN UNNEST(a) WITH ORDINALITY AS e(x, o)")
                .view("left_outer", "SELECT g, x FROM t LEFT JOIN UNNEST(a) AS e(x) ON TRUE")
                .view("zipped", "SELECT k, x, y FROM u CROSS JOIN UNNEST(tags, ARRAY[1, 2]) AS e(x, y)")
                .view("casts", "SELECT g, CAST(a AS BIGINT ARRAY), a[-1] FROM t")
                .compile()
                .randomSteps(25, 10, 6, 3, data());
    }

    /**
     * PostgreSQL's spellings: {@code T[]} in DDL and casts, and {@code x::T} casts (also chained, of literals,
     * parenthesized expressions, function calls and subscripts, to multi-word and PostgreSQL-only type names);
     * a {@code ::} or {@code []} inside a string, quoted name or comment is left alone.
     */
    @Test
    void postgresArrayAndCastSpellings() throws Exception {
        pg.program("CREATE TABLE t(g INT, a INT[], s VARCHAR(10));\n"
                        + "CREATE TABLE u(k INT, tags VARCHAR(10)[])")
                .view("spelled", "SELECT g, a::BIGINT[], CAST(a AS BIGINT[]), g::BIGINT + '1'::BIGINT, (g + 1)::VARCHAR,"
                        + " g::text || 'x::y[]', g::text::int * 2, a[1]::DOUBLE PRECISION, ABS(g - 2)::NUMERIC(5, 1),"
                        + " - g::int8, '7'::int4 AS \"c::d\" /* g::text, a[] */ FROM t -- x::y\n")
                .view("tagged", "SELECT k, tags::TEXT[], CARDINALITY(tags)::SMALLINT FROM u WHERE k::BIGINT >= 0")
                .compile()
                .randomSteps(26, 10, 6, 3, data());
        CompilationResult r = new SqlCompiler().compile("CREATE TABLE t(g INT, a INT[]);\n"
                + "CREATE VIEW v AS SELECT a::BIGINT[], g::INT + nosuch FROM t;");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("nosuch");
            assertThat(d.range().startLine()).isEqualTo(2);
            assertThat(d.range().startColumn()).isEqualTo(47);
        });
    }

    @Test
    void arrayAgg() throws Exception {
        pg.program(TABLES)
                .view("by_group", "SELECT g, ARRAY_AGG(s ORDER BY s) FROM t GROUP BY g")
                .view("desc_nulls", "SELECT g, ARRAY_AGG(s ORDER BY s DESC NULLS LAST) FROM t GROUP BY g")
                .view("total", "SELECT ARRAY_AGG(g ORDER BY g), COUNT(*) FROM t")
                .view("of_elements", "SELECT g, ARRAY_AGG(x ORDER BY x) FROM t CROSS JOIN UNNEST(a) AS e(x) GROUP BY g")
                .compile()
                .randomSteps(24, 12, 6, 4, data());
    }
}
