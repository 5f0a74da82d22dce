package io.pipelinemanager.core.internal.compiler;

import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VARIANT operations compared with PostgreSQL's {@code jsonb} where the semantics match, after every step of
 * random inserts and deletes of JSON texts (with duplicate keys, keys in any order, equal numbers written
 * differently, JSON nulls): PARSE_JSON is {@code ::jsonb}, {@code v['k']} is {@code ->'k'}, {@code v[i]} is
 * {@code ->(i - 1)}, equality, grouping, joins and ORDER BY are jsonb's, and casts to DECIMAL and VARCHAR are
 * jsonb's casts restricted to the JSON kinds Feldera converts (others are NULL here, errors or JSON text in
 * PostgreSQL). Not compared: jsonb's quirks that an empty top-level array sorts before {@code null} (the
 * generator makes no empty arrays) and that a scalar subscripted with 0 is itself ({@code 'false'::jsonb -> 0};
 * Feldera's and this engine's {@code v[1]} of a scalar is NULL), and TO_JSON's spacing (checked by hand in
 * {@link VariantTypeTest}).
 */
class VariantPostgresTest {

    private static final String TABLES = "CREATE TABLE t(id INT, j VARCHAR(200))";
    private static final String[] KEYS = {"a", "b", "aa"};
    private static final String[] SCALARS = {"1", "1.0", "2.50", "-0.5", "1e2", "100", "\"a\"", "\"ab\"", "\"b\"",
        "true", "false", "null"};

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    private static String value(Random r, int depth) {
        int kind = r.nextInt(depth >= 2 ? 1 : 4);
        if (kind == 0 || kind == 1) {
            return SCALARS[r.nextInt(SCALARS.length)];
        }
        StringBuilder sb = new StringBuilder();
        if (kind == 2) {
            sb.append('[');
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                sb.append(value(r, depth + 1)).append(i > 1 ? ", " : "");
            }
            return sb.append(']').toString();
        }
        sb.append('{');
        for (int i = r.nextInt(4); i > 0; i--) {
            sb.append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":").append(r.nextBoolean() ? " " : "")
                    .append(value(r, depth + 1)).append(i > 1 ? "," : "");
        }
        return sb.append('}').toString();
    }

    private static Map<String, Function<Random, Object[]>> data() {
        return Map.of("t", r -> new Object[] {(long) r.nextInt(4), r.nextInt(12) == 0 ? null : value(r, 0)});
    }

    /** PostgreSQL's {@code x -> i} restricted to arrays (jsonb also answers {@code 'false'::jsonb -> 0} with false). */
    private static String element(String x, int i) {
        return "CASE WHEN jsonb_typeof(" + x + ") = 'array' THEN " + x + " -> " + i + " END";
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void accessAndCastsMatchJsonb(int seed) throws Exception {
        pg.program(TABLES)
                .view("access", "SELECT id, PARSE_JSON(j) AS v, PARSE_JSON(j)['a'] AS a, PARSE_JSON(j)['aa'][1] AS aa1,"
                                + " PARSE_JSON(j)[2] AS snd FROM t",
                        "SELECT id, j::jsonb, j::jsonb -> 'a', " + element("j::jsonb -> 'aa'", 0) + ", "
                                + element("j::jsonb", 1) + " FROM t")
                .view("casts", "SELECT id, CAST(PARSE_JSON(j)['a'] AS DECIMAL(10, 2)) AS n,"
                                + " CAST(PARSE_JSON(j)['b'] AS VARCHAR) AS s FROM t",
                        "SELECT id, CASE WHEN jsonb_typeof(j::jsonb -> 'a') = 'number' THEN (j::jsonb -> 'a')::numeric(10, 2) END,"
                                + " CASE WHEN jsonb_typeof(j::jsonb -> 'b') IN ('string', 'number', 'boolean')"
                                + " THEN j::jsonb ->> 'b' END FROM t")
                .view("filtered", "SELECT id FROM t WHERE PARSE_JSON(j)['a'] = PARSE_JSON('1')",
                        "SELECT id FROM t WHERE j::jsonb -> 'a' = '1'::jsonb")
                .compile()
                .randomSteps(40 + seed, 10, 6, 3, data());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void equalityGroupingJoinsAndOrderMatchJsonb(int seed) throws Exception {
        pg.program(TABLES)
                .view("grouped", "SELECT PARSE_JSON(j)['a'] AS a, COUNT(*) AS n, SUM(id) AS s FROM t GROUP BY PARSE_JSON(j)['a']",
                        "SELECT j::jsonb -> 'a', COUNT(*), SUM(id) FROM t GROUP BY j::jsonb -> 'a'")
                .view("distinct_docs", "SELECT DISTINCT PARSE_JSON(j) AS v FROM t",
                        "SELECT DISTINCT j::jsonb FROM t")
                .view("joined", "SELECT x.id AS x, y.id AS y FROM t x JOIN t y ON PARSE_JSON(x.j) = PARSE_JSON(y.j)",
                        "SELECT x.id, y.id FROM t x JOIN t y ON x.j::jsonb = y.j::jsonb")
                .view("ordered", "SELECT PARSE_JSON(j) AS v FROM t ORDER BY PARSE_JSON(j) DESC LIMIT 4",
                        "SELECT j::jsonb FROM t ORDER BY j::jsonb DESC LIMIT 4")
                .view("less", "SELECT x.id AS x, y.id AS y FROM t x JOIN t y ON x.id < y.id"
                                + " WHERE PARSE_JSON(x.j) < PARSE_JSON(y.j)",
                        "SELECT x.id, y.id FROM t x JOIN t y ON x.id < y.id WHERE x.j::jsonb < y.j::jsonb")
                .compile()
                .randomSteps(50 + seed, 10, 6, 3, data());
    }
}
