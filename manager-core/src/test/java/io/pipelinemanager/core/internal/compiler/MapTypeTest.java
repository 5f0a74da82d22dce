package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MAP columns and expressions (PostgreSQL has no maps: Calcite's and Feldera's semantics, answers computed by
 * hand) step by step with inserts and deletes: lookups (NULL when absent), CARDINALITY, MAP_KEYS/MAP_VALUES, the
 * constructor (a repeated key keeps its last value), grouping and joining on maps whatever order they were built
 * in, and maps nested in arrays and rows. Also the compile errors around maps and rows.
 */
class MapTypeTest {

    private static final String PROGRAM = """
            CREATE TABLE t(id INT, m MAP<VARCHAR, INT>);
            CREATE MATERIALIZED VIEW lookups AS SELECT id, m['a'] AS a, m['zz'] AS missing, CARDINALITY(m) AS n FROM t;
            CREATE MATERIALIZED VIEW by_map AS SELECT m, COUNT(*) AS c FROM t GROUP BY m;
            CREATE MATERIALIZED VIEW parts AS SELECT id, MAP_KEYS(m) AS ks, MAP_VALUES(m) AS vs FROM t;
            CREATE MATERIALIZED VIEW built AS SELECT id, MAP['x', id, 'y', m['a'], 'x', id + 10] AS mm FROM t;
            CREATE MATERIALIZED VIEW same AS SELECT x.id AS l, y.id AS r FROM t x JOIN t y ON x.m = y.m AND x.id < y.id;
            CREATE MATERIALIZED VIEW total_a AS SELECT SUM(m['a']) AS s, COUNT(*) AS c FROM t;
            CREATE MATERIALIZED VIEW key_counts AS
              SELECT k, COUNT(*) AS c FROM t CROSS JOIN UNNEST(MAP_KEYS(m)) AS u(k) GROUP BY k;
            """;

    private static MapValue map(Object... keysAndValues) {
        List<Object> keys = new java.util.ArrayList<>();
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            keys.add(keysAndValues[i]);
            values.add(keysAndValues[i + 1]);
        }
        return MapValue.of(keys, values);
    }

    private static ZSet rows(Object[]... rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (Object[] r : rows) {
            b.add(Rows.of(r), 1);
        }
        return b.build();
    }

    private static Object[] r(Object... values) {
        return values;
    }

    private static List<Object> array(Object... elements) {
        return Values.array(Arrays.asList(elements));
    }

    private static Circuit compile(String program) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.diagnostics()).isEmpty();
        return result.artifact().definition().instantiate();
    }

    private static ZSet change(List<Row> inserts, List<Row> deletes) {
        ZSetBuilder b = new ZSetBuilder();
        inserts.forEach(row -> b.add(row, 1));
        deletes.forEach(row -> b.add(row, -1));
        return b.build();
    }

    @Test
    void mapsStepByStepWithInsertsAndDeletes() {
        Circuit c = compile(PROGRAM);
        Row one = Rows.of(1L, map("a", 1L, "b", 2L));
        Row two = Rows.of(2L, map("b", 2L, "a", 1L));
        Row three = Rows.of(3L, map());
        Row four = Rows.of(4L, null);
        Row five = Rows.of(5L, map("a", null));
        Row six = Rows.of(6L, map("b", 2L, "a", 1L));

        c.step(Map.of("t", change(List.of(one, two, three, four, five), List.of())));
        assertThat(c.snapshot("lookups")).isEqualTo(rows(r(1L, 1L, null, 2L), r(2L, 1L, null, 2L),
                r(3L, null, null, 0L), r(4L, null, null, null), r(5L, null, null, 1L)));
        assertThat(c.snapshot("by_map")).isEqualTo(rows(r(map("a", 1L, "b", 2L), 2L), r(map(), 1L), r(null, 1L),
                r(map("a", null), 1L)));
        assertThat(c.snapshot("parts")).isEqualTo(rows(r(1L, array("a", "b"), array(1L, 2L)),
                r(2L, array("a", "b"), array(1L, 2L)), r(3L, array(), array()), r(4L, null, null),
                r(5L, array("a"), array((Object) null))));
        // The repeated key 'x' keeps its last value, id + 10.
        assertThat(c.snapshot("built")).isEqualTo(rows(r(1L, map("x", 11L, "y", 1L)), r(2L, map("x", 12L, "y", 1L)),
                r(3L, map("x", 13L, "y", null)), r(4L, map("x", 14L, "y", null)), r(5L, map("x", 15L, "y", null))));
        assertThat(c.snapshot("same")).isEqualTo(rows(r(1L, 2L)));
        assertThat(c.snapshot("total_a")).isEqualTo(rows(r(2L, 5L)));
        assertThat(c.snapshot("key_counts")).isEqualTo(rows(r("a", 3L), r("b", 2L)));

        c.step(Map.of("t", change(List.of(six), List.of(one))));
        assertThat(c.snapshot("by_map")).isEqualTo(rows(r(map("a", 1L, "b", 2L), 2L), r(map(), 1L), r(null, 1L),
                r(map("a", null), 1L)));
        assertThat(c.snapshot("same")).isEqualTo(rows(r(2L, 6L)));
        assertThat(c.snapshot("total_a")).isEqualTo(rows(r(2L, 5L)));
        assertThat(c.snapshot("key_counts")).isEqualTo(rows(r("a", 3L), r("b", 2L)));

        c.step(Map.of("t", change(List.of(), List.of(two, six, five))));
        assertThat(c.snapshot("lookups")).isEqualTo(rows(r(3L, null, null, 0L), r(4L, null, null, null)));
        assertThat(c.snapshot("by_map")).isEqualTo(rows(r(map(), 1L), r(null, 1L)));
        assertThat(c.snapshot("same")).isEqualTo(rows());
        assertThat(c.snapshot("total_a")).isEqualTo(rows(r(null, 2L)));
        assertThat(c.snapshot("key_counts")).isEqualTo(rows());
    }

    @Test
    void nestedArraysOfRowsMapsOfArraysAndRowsHoldingMaps() {
        Circuit c = compile("""
                CREATE TABLE t(id INT, pts ROW(x INT, y INT) ARRAY, lists MAP<VARCHAR, INT ARRAY>,
                               info ROW(k VARCHAR(5), attrs MAP<VARCHAR, VARCHAR>));
                CREATE MATERIALIZED VIEW v AS SELECT id, pts[1].x AS x1, CARDINALITY(pts) AS np, lists['a'][2] AS a2,
                  t.info.k AS k, t.info.attrs['color'] AS color, ROW(id, lists) AS wrapped FROM t;
                CREATE MATERIALIZED VIEW by_info AS SELECT info, COUNT(*) AS c FROM t GROUP BY info;
                """);
        Row a = Rows.of(1L, array(RowValue.of(3L, 4L), RowValue.of(5L, null)), map("a", array(7L, 8L)),
                RowValue.of("k1", map("color", "red")));
        Row b = Rows.of(2L, array(), map("a", array(9L)), RowValue.of("k1", map("color", "red")));
        Row n = Rows.of(3L, null, null, RowValue.of(null, null));
        c.step(Map.of("t", change(List.of(a, b, n), List.of())));
        assertThat(c.snapshot("v")).isEqualTo(rows(
                r(1L, 3L, 2L, 8L, "k1", "red", RowValue.of(1L, map("a", array(7L, 8L)))),
                r(2L, null, 0L, null, "k1", "red", RowValue.of(2L, map("a", array(9L)))),
                r(3L, null, null, null, null, null, RowValue.of(3L, null))));
        assertThat(c.snapshot("by_info")).isEqualTo(rows(r(RowValue.of("k1", map("color", "red")), 2L),
                r(RowValue.of(null, null), 1L)));
        c.step(Map.of("t", change(List.of(), List.of(a))));
        assertThat(c.snapshot("by_info")).isEqualTo(rows(r(RowValue.of("k1", map("color", "red")), 1L),
                r(RowValue.of(null, null), 1L)));
    }

    @Test
    void castsOrderingAndNullKeys() {
        Circuit c = compile("""
                CREATE TABLE t(id INT, s VARCHAR(5), m MAP<VARCHAR, INT>, r ROW(a INT, b VARCHAR(5)));
                CREATE MATERIALIZED VIEW casts AS SELECT id, CAST(m AS MAP<VARCHAR, DECIMAL(5, 1)>) AS dm,
                  CAST(r AS ROW(a BIGINT, b VARCHAR(1))) AS nr FROM t;
                CREATE MATERIALIZED VIEW firsts AS SELECT id, m FROM t ORDER BY m DESC NULLS LAST, id LIMIT 2;
                CREATE MATERIALIZED VIEW keyed AS SELECT id, MAP[s, id] AS ms FROM t;
                """);
        Row a = Rows.of(1L, "x", map("a", 1L), RowValue.of(5L, "long"));
        Row b = Rows.of(2L, "y", map("a", 1L, "b", 0L), RowValue.of(null, null));
        Row n = Rows.of(3L, "z", null, null);
        c.step(Map.of("t", change(List.of(a, b, n), List.of())));
        assertThat(c.snapshot("casts")).isEqualTo(rows(r(1L, map("a", new java.math.BigDecimal("1.0")), RowValue.of(5L, "l")),
                r(2L, map("a", new java.math.BigDecimal("1.0"), "b", new java.math.BigDecimal("0.0")), RowValue.of(null, null)),
                r(3L, null, null)));
        // Maps order entry by entry in key order: {a=>1,b=>0} after {a=>1}.
        assertThat(c.snapshot("firsts")).isEqualTo(rows(r(2L, map("a", 1L, "b", 0L)), r(1L, map("a", 1L))));
        c.step(Map.of("t", change(List.of(), List.of(a))));
        assertThat(c.snapshot("firsts")).isEqualTo(rows(r(2L, map("a", 1L, "b", 0L)), r(3L, null)));
        // A NULL key is a runtime error: the step fails and is rolled back.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.step(Map.of("t", change(List.of(Rows.of(4L, null, null, null)),
                List.of())))).hasStackTraceContaining("a MAP key must not be NULL");
        assertThat(c.snapshot("keyed")).isEqualTo(rows(r(2L, map("y", 2L)), r(3L, map("z", 3L))));
    }

    private static Diagnostic error(String program) {
        CompilationResult r = new SqlCompiler().compile(program);
        assertThat(r.status()).as("status of %s", program).isEqualTo(ProgramStatus.SQL_ERROR);
        return r.diagnostics().get(0);
    }

    @Test
    void mistakesAreCompileErrorsWithPositions() {
        Diagnostic key = error("CREATE TABLE t(id INT,\n  m MAP<INT, VARCHAR>);");
        assertThat(key.message()).contains("column m").contains("VARCHAR (or CHAR) keys").contains("MAP<INTEGER, VARCHAR>");
        assertThat(key.range().startLine()).isEqualTo(2);
        Diagnostic nested = error("CREATE TABLE t(r ROW(a INT, m MAP<DATE, INT>));");
        assertThat(nested.message()).contains("VARCHAR (or CHAR) keys");

        Diagnostic field = error("CREATE TABLE t(id INT, r ROW(a INT));\nCREATE VIEW v AS SELECT (id).a FROM t;");
        assertThat(field.range().startLine()).isEqualTo(2);
        assertThat(field.message()).contains("needs a ROW value").doesNotContain("org.apache").doesNotContain("Exception");
        Diagnostic unknown = error("CREATE TABLE t(id INT, r ROW(a INT));\nCREATE VIEW v AS SELECT (r).zz FROM t;");
        assertThat(unknown.range().startLine()).isEqualTo(2);
        assertThat(unknown.message()).contains("zz");
    }
}
