package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VARIANT (Feldera's JSON values) in programs, by hand, step by step with inserts and deletes: PARSE_JSON
 * and TO_JSON, subscripts, casts in both directions, JSON null versus SQL NULL, and grouping, DISTINCT and
 * joins on variants. {@link VariantPostgresTest} compares the same operations with PostgreSQL's jsonb.
 */
class VariantTypeTest {

    private static Variant json(String text) {
        try {
            return VariantJson.parse(text);
        } catch (VariantJson.InvalidJsonException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void parseAccessAndToJson() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t (id INT, j VARCHAR);
                CREATE VIEW parsed AS SELECT id, PARSE_JSON(j) AS v FROM t;
                CREATE VIEW fields AS SELECT id, PARSE_JSON(j)['name'] AS name, PARSE_JSON(j)['tags'][2] AS tag2,
                    PARSE_JSON(j)['tags'][0] AS tag0, PARSE_JSON(j)[1] AS first FROM t;
                CREATE VIEW texts AS SELECT id, TO_JSON(PARSE_JSON(j)) AS compact, TO_JSON(PARSE_JSON(j)['tags']) AS tags FROM t;
                CREATE VIEW kinds AS SELECT id, TYPEOF(PARSE_JSON(j)) AS k, PARSE_JSON(j) IS NULL AS sql_null FROM t;
                """);
        p.step().insert("t",
                row(1L, "{\"name\": \"ann\", \"tags\": [\"x\", \"y\"], \"n\": 1.50}"),
                row(2L, "[10, 20]"),
                row(3L, "not json"),
                row(4L, "null"),
                row(5L, null)).run();
        assertThat(p.view("parsed")).isEqualTo(bag(
                row(1L, json("{\"tags\":[\"x\",\"y\"],\"name\":\"ann\",\"n\":1.5}")),
                row(2L, json("[10,20]")), row(3L, null), row(4L, Variant.JSON_NULL), row(5L, null)));
        assertThat(p.view("fields")).isEqualTo(bag(
                row(1L, Variant.of("ann"), Variant.of("y"), null, null),
                row(2L, null, null, null, Variant.of(new BigDecimal(10))),
                row(3L, null, null, null, null), row(4L, null, null, null, null), row(5L, null, null, null, null)));
        // keys in jsonb's order (shorter first), numbers as written, no blanks
        assertThat(p.view("texts")).isEqualTo(bag(
                row(1L, "{\"n\":1.50,\"name\":\"ann\",\"tags\":[\"x\",\"y\"]}", "[\"x\",\"y\"]"),
                row(2L, "[10,20]", null), row(3L, null, null), row(4L, "null", null), row(5L, null, null)));
        assertThat(p.view("kinds")).isEqualTo(bag(row(1L, "MAP", false), row(2L, "ARRAY", false),
                row(3L, null, true), row(4L, "VARIANT", false), row(5L, null, true)));
        p.step().delete("t", row(1L, "{\"name\": \"ann\", \"tags\": [\"x\", \"y\"], \"n\": 1.50}"), row(3L, "not json"))
                .run();
        assertThat(p.view("fields")).isEqualTo(bag(
                row(2L, null, null, null, Variant.of(new BigDecimal(10))),
                row(4L, null, null, null, null), row(5L, null, null, null, null)));
        assertThat(p.view("texts")).isEqualTo(bag(row(2L, "[10,20]", null), row(4L, "null", null), row(5L, null, null)));
    }

    @Test
    void castsFromVariantAreNullWhenTheValueDoesNotConvert() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t (id INT, j VARCHAR);
                CREATE VIEW casts AS SELECT id, CAST(PARSE_JSON(j) AS INT) AS i, CAST(PARSE_JSON(j) AS DOUBLE) AS d,
                    CAST(PARSE_JSON(j) AS DECIMAL(6, 2)) AS n, CAST(PARSE_JSON(j) AS VARCHAR) AS s,
                    CAST(PARSE_JSON(j) AS BOOLEAN) AS b, CAST(PARSE_JSON(j) AS DATE) AS dt,
                    CAST(PARSE_JSON(j) AS INT ARRAY) AS a FROM t;
                """);
        p.step().insert("t", row(1L, "42"), row(2L, "2.5"), row(3L, "\"17\""), row(4L, "true"), row(5L, "\"2024-02-29\""),
                row(6L, "[1, \"2\", \"x\", null, 3.4]"), row(7L, "{\"a\": 1}"), row(8L, "null"), row(9L, "1e400"),
                row(10L, "123456789012")).run();
        assertThat(p.view("casts")).isEqualTo(bag(
                row(1L, 42L, 42.0, new BigDecimal("42.00"), "42", null, null, null),
                // 2.5 rounds half away from zero to INT, as CAST(2.5 AS INT) does
                row(2L, 3L, 2.5, new BigDecimal("2.50"), "2.5", null, null, null),
                row(3L, 17L, 17.0, new BigDecimal("17.00"), "17", null, null, null),
                row(4L, null, null, null, "true", true, null, null),
                row(5L, null, null, null, "2024-02-29", null, LocalDate.of(2024, 2, 29), null),
                row(6L, null, null, null, null, null, null, java.util.Arrays.asList(1L, 2L, null, null, 3L)),
                row(7L, null, null, null, null, null, null, null),
                row(8L, null, null, null, null, null, null, null),
                // out of range for INT and DECIMAL(6,2): NULL, not an error
                row(9L, null, Double.POSITIVE_INFINITY, null, "1E+400", null, null, null),
                row(10L, null, 123456789012.0, null, "123456789012", null, null, null)));
        p.step().delete("t", row(9L, "1e400"), row(2L, "2.5")).run();
        assertThat(p.view("casts")).hasSize(8);
    }

    @Test
    void castsToVariantAndJsonNullVersusSqlNull() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t (id INT, x INT, r REAL, s VARCHAR, d DATE, a INT ARRAY);
                CREATE VIEW vs AS SELECT id, CAST(x AS VARIANT) AS vx, CAST(r AS VARIANT) AS vr, CAST(s AS VARIANT) AS vs,
                    CAST(d AS VARIANT) AS vd, CAST(a AS VARIANT) AS va FROM t;
                CREATE VIEW back AS SELECT id, CAST(CAST(x AS VARIANT) AS INT) AS x, TO_JSON(CAST(a AS VARIANT)) AS a FROM t;
                CREATE VIEW nulls AS SELECT id, VARIANTNULL() AS jn, VARIANTNULL() IS NULL AS is_sql_null,
                    CAST(x AS VARIANT) IS NULL AS x_null, VARIANTNULL() = VARIANTNULL() AS eq FROM t;
                """);
        p.step().insert("t", row(1L, 7L, 0.1, "hi", LocalDate.of(2024, 1, 2), List.of(1L, 2L)),
                row(2L, null, null, null, null, java.util.Arrays.asList(3L, null))).run();
        assertThat(p.view("vs")).isEqualTo(bag(
                row(1L, json("7"), json("0.1"), Variant.of("hi"), Variant.of("2024-01-02"), json("[1,2]")),
                row(2L, null, null, null, null, json("[3,null]"))));
        assertThat(p.view("back")).isEqualTo(bag(row(1L, 7L, "[1,2]"), row(2L, null, "[3,null]")));
        assertThat(p.view("nulls")).isEqualTo(bag(row(1L, Variant.JSON_NULL, false, false, true),
                row(2L, Variant.JSON_NULL, false, true, true)));
        p.step().delete("t", row(1L, 7L, 0.1, "hi", LocalDate.of(2024, 1, 2), List.of(1L, 2L))).run();
        assertThat(p.view("back")).isEqualTo(bag(row(2L, null, "[3,null]")));
    }

    @Test
    void variantColumnsGroupJoinAndCompareByJsonValue() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE e (id INT, v VARIANT);
                CREATE VIEW by_value AS SELECT v, COUNT(*) AS n FROM e GROUP BY v;
                CREATE VIEW by_kind AS SELECT CAST(v['kind'] AS VARCHAR) AS kind, SUM(CAST(v['n'] AS INT)) AS total
                    FROM e GROUP BY CAST(v['kind'] AS VARCHAR);
                CREATE VIEW same AS SELECT a.id AS x, b.id AS y FROM e a JOIN e b ON a.v = b.v AND a.id < b.id;
                CREATE VIEW distinct_v AS SELECT DISTINCT v['kind'] AS k FROM e;
                """);
        // the same object written with other key order, other number forms and a duplicate key
        p.step().insert("e",
                row(1L, json("{\"kind\": \"a\", \"n\": 1}")),
                row(2L, json("{\"n\": 1.0, \"kind\": \"a\"}")),
                row(3L, json("{\"kind\": \"b\", \"n\": 5, \"n\": 2}")),
                row(4L, json("{\"kind\": \"b\", \"n\": 2e0}")),
                row(5L, null)).run();
        Variant a1 = json("{\"kind\":\"a\",\"n\":1}");
        Variant b2 = json("{\"kind\":\"b\",\"n\":2}");
        assertThat(p.view("by_value")).isEqualTo(bag(row(a1, 2L), row(b2, 2L), row(null, 1L)));
        assertThat(p.view("by_kind")).isEqualTo(bag(row("a", 2L), row("b", 4L), row(null, null)));
        assertThat(p.view("same")).isEqualTo(bag(row(1L, 2L), row(3L, 4L)));
        assertThat(p.view("distinct_v")).isEqualTo(bag(row(Variant.of("a")), row(Variant.of("b")), row((Object) null)));
        p.step().delete("e", row(2L, json("{\"kind\":\"a\",\"n\":1}")), row(3L, b2))
                .insert("e", row(6L, json("[1, {\"kind\": \"a\"}]"))).run();
        assertThat(p.view("by_value")).isEqualTo(bag(row(a1, 1L), row(b2, 1L), row(null, 1L),
                row(json("[1,{\"kind\":\"a\"}]"), 1L)));
        assertThat(p.view("by_kind")).isEqualTo(bag(row("a", 1L), row("b", 2L), row(null, null)));
        assertThat(p.view("same")).isEmpty();
        p.step().delete("e", row(1L, a1), row(4L, b2)).run();
        assertThat(p.view("by_kind")).isEqualTo(bag(row(null, null)));
        assertThat(p.view("distinct_v")).isEqualTo(bag(row((Object) null)));
    }

    @Test
    void castsBetweenVariantsAndMapsOrRows() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t (id INT, j VARCHAR);
                CREATE VIEW m AS SELECT id, CAST(PARSE_JSON(j) AS MAP<VARCHAR, INT>) AS mi,
                    CAST(PARSE_JSON(j) AS ROW(a INT, b VARCHAR)) AS r FROM t;
                CREATE VIEW back AS SELECT id, TO_JSON(CAST(CAST(PARSE_JSON(j) AS MAP<VARCHAR, INT>) AS VARIANT)) AS mj,
                    TO_JSON(CAST(CAST(PARSE_JSON(j) AS ROW(a INT, b VARCHAR)) AS VARIANT)) AS rj FROM t;
                """);
        p.step().insert("t", row(1L, "{\"a\": 1, \"b\": \"x\"}"), row(2L, "[1]"), row(3L, "{\"A\": 2}")).run();
        assertThat(p.view("m")).isEqualTo(bag(
                row(1L, MapValue.of(List.of("a", "b"), java.util.Arrays.asList(1L, null)), RowValue.of(1L, "x")),
                row(2L, null, null),
                // field names match exactly (Feldera: the case of the normalized field name)
                row(3L, MapValue.of(List.of("A"), List.of(2L)), RowValue.of(null, null))));
        assertThat(p.view("back")).isEqualTo(bag(row(1L, "{\"a\":1,\"b\":null}", "{\"a\":1,\"b\":\"x\"}"),
                row(2L, null, null), row(3L, "{\"A\":2}", "{\"a\":null,\"b\":null}")));
        p.step().delete("t", row(1L, "{\"a\": 1, \"b\": \"x\"}")).run();
        assertThat(p.view("back")).isEqualTo(bag(row(2L, null, null), row(3L, "{\"A\":2}", "{\"a\":null,\"b\":null}")));
    }

    @Test
    void hostileJsonIsNullInParseJson() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t (id INT, j VARCHAR);
                CREATE VIEW parsed AS SELECT id, PARSE_JSON(j) IS NULL AS refused, TO_JSON(PARSE_JSON(j)) AS back FROM t;
                """);
        String deep = "[".repeat(VariantJson.MAX_DEPTH) + "]".repeat(VariantJson.MAX_DEPTH);
        String tooDeep = "[".repeat(VariantJson.MAX_DEPTH + 1) + "]".repeat(VariantJson.MAX_DEPTH + 1);
        p.step().insert("t", row(1L, deep), row(2L, tooDeep), row(3L, "{\"a\": 1, \"a\": 2}"), row(4L, "1e999999999"),
                row(5L, "[1, 2"), row(6L, "{'a': 1}"), row(7L, "1 2"), row(8L, ""), row(9L, "NaN"),
                row(10L, " 12345678901234567890123456789 ")).run();
        assertThat(p.view("parsed")).isEqualTo(bag(row(1L, false, deep), row(2L, true, null),
                row(3L, false, "{\"a\":2}"), row(4L, true, null), row(5L, true, null), row(6L, true, null),
                row(7L, true, null), row(8L, true, null), row(9L, true, null),
                row(10L, false, "12345678901234567890123456789")));
    }
}
