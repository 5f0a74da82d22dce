package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ProgramStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.junit.jupiter.api.Test;

/**
 * The README's "SQL reference" section stays true to the compiler: every function name in the compiler's
 * operator table ({@link PostgresFunctions#TABLE}) is either supported — then an example call of it compiles
 * and the name appears in the section — or refused — then no call of common argument shapes compiles. A
 * function that starts to compile (or a new name in the table) fails this test until the README and the lists
 * here say so.
 */
class SqlReferenceTest {

    private static final String TABLE = "CREATE TABLE t(i INT, j BIGINT, n DECIMAL(10, 2), f DOUBLE, s VARCHAR(20),"
            + " b BOOLEAN, d DATE, ts TIMESTAMP);\n";

    private static final String OVER = " OVER (ORDER BY i)";

    /** Every callable name the compiler accepts, with a query or select-list expression over {@code t} that uses it. */
    static final Map<String, String> SUPPORTED = supported();

    private static Map<String, String> supported() {
        Map<String, String> m = new LinkedHashMap<>();
        // Strings
        m.put("UPPER", "UPPER(s)");
        m.put("LOWER", "LOWER(s)");
        m.put("CHAR_LENGTH", "CHAR_LENGTH(s)");
        m.put("CHARACTER_LENGTH", "CHARACTER_LENGTH(s)");
        m.put("LENGTH", "LENGTH(s)");
        m.put("SUBSTRING", "SUBSTRING(s FROM 2 FOR 3)");
        m.put("POSITION", "POSITION('a' IN s)");
        m.put("STRPOS", "STRPOS(s, 'a')");
        m.put("TRIM", "TRIM(LEADING 'x' FROM s)");
        m.put("REPLACE", "REPLACE(s, 'a', 'b')");
        m.put("CONCAT", "CONCAT(s, i, b)");
        m.put("CONCAT_WS", "CONCAT_WS(',', s, i)");
        m.put("LEFT", "LEFT(s, 2)");
        m.put("RIGHT", "RIGHT(s, -2)");
        m.put("LPAD", "LPAD(s, 5, 'ab')");
        m.put("RPAD", "RPAD(s, 5)");
        m.put("REVERSE", "REVERSE(s)");
        m.put("REPEAT", "REPEAT(s, 2)");
        m.put("INITCAP", "INITCAP(s)");
        m.put("MD5", "MD5(s)");
        m.put("CHR", "CHR(i)");
        m.put("STARTS_WITH", "STARTS_WITH(s, 'a')");
        m.put("SPLIT_PART", "SPLIT_PART(s, ',', 2)");
        m.put("REGEXP_REPLACE", "REGEXP_REPLACE(s, 'a(b)', '\\1', 'g')");
        m.put("REGEXP_LIKE", "REGEXP_LIKE(s, '^a', 'i')");
        m.put("REGEXP_MATCH", "REGEXP_MATCH(s, '(a)(b)?', 'i')");
        // Numbers
        m.put("ABS", "ABS(i)");
        m.put("SIGN", "SIGN(n)");
        m.put("ROUND", "ROUND(n, 1)");
        m.put("TRUNCATE", "TRUNCATE(n, 1)");
        m.put("FLOOR", "FLOOR(f)");
        m.put("CEIL", "CEIL(n)");
        m.put("MOD", "MOD(i, 3)");
        m.put("POWER", "POWER(f, 2)");
        m.put("SQRT", "SQRT(f)");
        m.put("EXP", "EXP(f)");
        m.put("LN", "LN(f)");
        m.put("LOG10", "LOG10(f)");
        m.put("GREATEST", "GREATEST(i, j, 0)");
        m.put("LEAST", "LEAST(n, 1.5)");
        // Conditional
        m.put("COALESCE", "COALESCE(i, 0)");
        m.put("NULLIF", "NULLIF(i, 0)");
        // Dates and times
        m.put("EXTRACT", "EXTRACT(DOW FROM d)");
        m.put("DATE_PART", "DATE_PART('epoch', ts)");
        m.put("DATE_TRUNC", "DATE_TRUNC('week', ts)");
        m.put("TO_CHAR", "TO_CHAR(ts, 'YYYY-MM-DD HH24:MI')");
        m.put("MAKE_DATE", "MAKE_DATE(2024, 2, i)");
        m.put("YEAR", "YEAR(d)");
        m.put("QUARTER", "QUARTER(d)");
        m.put("MONTH", "MONTH(ts)");
        m.put("WEEK", "WEEK(d)");
        m.put("DAYOFYEAR", "DAYOFYEAR(d)");
        m.put("DAYOFMONTH", "DAYOFMONTH(d)");
        m.put("DAYOFWEEK", "DAYOFWEEK(d)");
        m.put("HOUR", "HOUR(ts)");
        m.put("MINUTE", "MINUTE(ts)");
        m.put("SECOND", "SECOND(ts)");
        m.put("TIMESTAMPADD", "TIMESTAMPADD(DAY, 1, ts)");
        m.put("TIMESTAMPDIFF", "TIMESTAMPDIFF(HOUR, ts, ts)");
        m.put("NOW", "SELECT * FROM t WHERE ts > NOW() - INTERVAL '1' HOUR");
        m.put("CURRENT_TIMESTAMP", "SELECT * FROM t WHERE ts <= CURRENT_TIMESTAMP");
        m.put("LOCALTIMESTAMP", "SELECT * FROM t WHERE ts BETWEEN LOCALTIMESTAMP - INTERVAL '1' DAY AND LOCALTIMESTAMP");
        // Arrays
        m.put("CARDINALITY", "CARDINALITY(ARRAY[i, j])");
        m.put("UNNEST", "SELECT i, x, k FROM t CROSS JOIN UNNEST(ARRAY[s, 'b']) WITH ORDINALITY AS u(x, k)");
        // Maps
        m.put("MAP_KEYS", "MAP_KEYS(MAP['a', i, 'b', j])");
        m.put("MAP_VALUES", "MAP_VALUES(MAP[s, n])");
        // VARIANT (JSON values)
        m.put("PARSE_JSON", "PARSE_JSON(s)['a'][1]");
        m.put("TO_JSON", "TO_JSON(CAST(ARRAY[i] AS VARIANT))");
        m.put("VARIANTNULL", "VARIANTNULL()");
        m.put("TYPEOF", "TYPEOF(PARSE_JSON(s))");
        // Aggregates
        m.put("ARRAY_AGG", "SELECT ARRAY_AGG(s ORDER BY i) FROM t");
        m.put("ANY_VALUE", "SELECT ANY_VALUE(i) FROM t");
        m.put("SOME", "SELECT SOME(b) FROM t");
        m.put("LISTAGG", "SELECT LISTAGG(s, ',') FROM t");
        m.put("APPROX_COUNT_DISTINCT", "SELECT APPROX_COUNT_DISTINCT(i) FROM t");
        m.put("REGR_COUNT", "SELECT REGR_COUNT(i, f) FROM t");
        m.put("COUNT", "SELECT COUNT(*), COUNT(DISTINCT i) FROM t");
        m.put("SUM", "SELECT SUM(i) FILTER (WHERE b) FROM t");
        m.put("AVG", "SELECT AVG(n) FROM t");
        m.put("MIN", "SELECT MIN(s) FROM t");
        m.put("MAX", "SELECT MAX(ts) FROM t");
        m.put("VAR_POP", "SELECT VAR_POP(n) FROM t");
        m.put("VAR_SAMP", "SELECT VAR_SAMP(f) FROM t");
        m.put("VARIANCE", "SELECT VARIANCE(i) FROM t");
        m.put("STDDEV_POP", "SELECT STDDEV_POP(n) FROM t");
        m.put("STDDEV_SAMP", "SELECT STDDEV_SAMP(n) FROM t");
        m.put("STDDEV", "SELECT STDDEV(n) FROM t");
        m.put("STRING_AGG", "SELECT STRING_AGG(s, ',' ORDER BY i DESC) FROM t");
        m.put("BOOL_AND", "SELECT BOOL_AND(b) FROM t");
        m.put("BOOL_OR", "SELECT BOOL_OR(b) FROM t");
        m.put("EVERY", "SELECT EVERY(b) FROM t");
        m.put("GROUPING", "SELECT s, d, GROUPING(s, d), COUNT(*) FROM t GROUP BY ROLLUP(s, d)");
        // Window functions
        m.put("ROW_NUMBER", "SELECT ROW_NUMBER()" + OVER + " FROM t");
        m.put("RANK", "SELECT RANK()" + OVER + " FROM t");
        m.put("DENSE_RANK", "SELECT DENSE_RANK()" + OVER + " FROM t");
        m.put("PERCENT_RANK", "SELECT PERCENT_RANK()" + OVER + " FROM t");
        m.put("CUME_DIST", "SELECT CUME_DIST()" + OVER + " FROM t");
        m.put("NTILE", "SELECT NTILE(3)" + OVER + " FROM t");
        m.put("LAG", "SELECT LAG(n, 2, 0)" + OVER + " FROM t");
        m.put("LEAD", "SELECT LEAD(s)" + OVER + " FROM t");
        m.put("FIRST_VALUE", "SELECT FIRST_VALUE(s)" + OVER + " FROM t");
        m.put("LAST_VALUE", "SELECT LAST_VALUE(s)" + OVER + " FROM t");
        m.put("NTH_VALUE", "SELECT NTH_VALUE(s, 2)" + OVER + " FROM t");
        // Table functions
        m.put("TUMBLE", "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR))"
                + " GROUP BY window_start");
        m.put("HOP", "SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))");
        m.put("SESSION", "SELECT * FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(s), INTERVAL '10' MINUTE))");
        m.put("DESCRIPTOR", "SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY))");
        return m;
    }

    /** Names in the operator table that compile but are internal: not to be written, so not in the reference. */
    static final Map<String, String> UNLISTED = Map.of(
            "EXTRACT_NUMERIC", "the compiler's internal form of EXTRACT of SECOND, MILLISECOND and EPOCH",
            "SINGLE_VALUE", "the compiler's internal aggregate of a scalar sub-query");

    /** Syntax the reference shows outside the function lists: each must compile. */
    static final List<String> SYNTAX = List.of(
            "SELECT * FROM t a JOIN t b USING (i)",
            "SELECT * FROM t a FULL JOIN t b ON a.i = b.i AND a.s < b.s",
            "SELECT * FROM t a RIGHT JOIN t b ON a.i = b.i",
            "SELECT * FROM t a, t b WHERE a.i = b.j",
            "SELECT * FROM t a CROSS JOIN t b",
            "WITH w AS (SELECT i FROM t) SELECT * FROM w",
            "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(x, y)",
            "SELECT * FROM t WHERE i BETWEEN SYMMETRIC 5 AND 1",
            "SELECT * FROM t WHERE i NOT IN (1, 2) AND s IN (SELECT s FROM t) AND EXISTS (SELECT 1 FROM t u WHERE u.i = t.j)",
            "SELECT i IS DISTINCT FROM j, b IS NOT TRUE, b IS UNKNOWN, s || 'x' FROM t",
            "SELECT s ILIKE 'a%', s NOT LIKE 'a!%' ESCAPE '!', s SIMILAR TO 'a|b', s ~ '^a', s !~* 'B' FROM t",
            "SELECT CEILING(f), SUBSTRING(s, 2, 3), i % 3, -i, +i FROM t",
            "SELECT d + INTERVAL '1' DAY, ts - INTERVAL '1' HOUR FROM t",
            "SELECT DISTINCT s FROM t",
            "SELECT s, COUNT(*) FROM t GROUP BY s HAVING COUNT(*) > 1",
            "SELECT s, d, COUNT(*) FROM t GROUP BY GROUPING SETS ((s), (d), ())",
            "SELECT s, d, COUNT(*) FROM t GROUP BY CUBE (s, d)",
            "SELECT s AS k, COUNT(*) FROM t GROUP BY k",
            "SELECT s, COUNT(*) FROM t GROUP BY 1",
            "SELECT i FROM t UNION SELECT j FROM t",
            "SELECT i FROM t INTERSECT ALL SELECT j FROM t",
            "SELECT i FROM t EXCEPT SELECT j FROM t",
            "SELECT * FROM t ORDER BY i DESC NULLS LAST LIMIT 3 OFFSET 1",
            "SELECT SUM(i) OVER (PARTITION BY s ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)"
                    + " FROM t",
            "SELECT t.i, x.total FROM t, LATERAL (SELECT SUM(j) AS total FROM t u WHERE u.i = t.i) x",
            "SELECT * FROM t a LEFT ASOF JOIN t b MATCH_CONDITION (a.ts >= b.ts) ON a.i = b.i",
            "SELECT CAST(i AS VARCHAR), CAST(s AS INT), CAST(b AS VARCHAR), CAST(f AS DECIMAL(10, 2)) FROM t",
            "SELECT ROW(i, s), MAP['a', i]['a'], CARDINALITY(MAP[s, i]) FROM t",
            "SELECT CAST(ROW(i, s) AS ROW(a BIGINT, b VARCHAR)), CAST(MAP['a', i] AS MAP<VARCHAR, BIGINT>) FROM t");

    @Test
    void documentedSyntaxCompiles() {
        List<String> failures = new ArrayList<>();
        for (String q : SYNTAX) {
            String problem = compile(q);
            if (problem != null) {
                failures.add(q + ": " + problem);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everySupportedFunctionCompilesAndIsInTheReference() throws IOException {
        String reference = sqlReference();
        List<String> failures = new ArrayList<>();
        SUPPORTED.forEach((name, example) -> {
            String problem = compile(query(example));
            if (problem != null) {
                failures.add(name + ": " + example + " does not compile: " + problem);
            }
            if (!mentions(reference, name)) {
                failures.add(name + " is not mentioned in the README's SQL reference");
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void everyOtherFunctionOfTheOperatorTableIsRefused() {
        List<String> compiled = new ArrayList<>();
        for (String name : callableNames()) {
            if (SUPPORTED.containsKey(name) || UNLISTED.containsKey(name)) {
                continue;
            }
            for (String q : probes(name)) {
                if (compile(q) == null) {
                    compiled.add(name + ": " + q);
                    break;
                }
            }
        }
        assertThat(compiled).as("functions that compile but are neither in SUPPORTED nor in the README").isEmpty();
    }

    private static Set<String> callableNames() {
        Set<String> names = new TreeSet<>();
        for (SqlOperator op : PostgresFunctions.TABLE.getOperatorList()) {
            SqlSyntax syntax = op.getSyntax();
            boolean byName = syntax == SqlSyntax.FUNCTION || syntax == SqlSyntax.FUNCTION_ID
                    || syntax == SqlSyntax.FUNCTION_STAR || syntax == SqlSyntax.ORDERED_FUNCTION;
            if (byName && op.getName().matches("[A-Z][A-Z0-9_]*")) {
                names.add(op.getName());
            }
        }
        return names;
    }

    private static final List<String> ARGS = List.of("i", "f", "n", "s", "b", "d", "ts");

    /** Calls of {@code name} with common argument shapes, as a scalar, an aggregate and a window function. */
    private static List<String> probes(String name) {
        List<String> calls = new ArrayList<>();
        calls.add(name);
        calls.add(name + "()");
        for (String a : ARGS) {
            calls.add(name + "(" + a + ")");
            calls.add(name + "(" + a + ", " + a + ")");
            calls.add(name + "(" + a + ", " + a + ", " + a + ")");
        }
        for (String extra : List.of("(s, i)", "(i, s)", "(s, 'a', 'b')", "(s, i, s)", "(s, ts)", "('day', ts)",
                "(ts, 'YYYY')", "(DAY, 1, ts)", "(DAY, ts, ts)", "(i, 2)", "(i, ts)")) {
            calls.add(name + extra);
        }
        List<String> out = new ArrayList<>();
        for (String c : calls) {
            out.add(query(c));
            out.add("SELECT " + c + OVER + " FROM t");
        }
        out.add("SELECT * FROM t WHERE ts > " + name);
        out.add("SELECT * FROM t WHERE ts > " + name + "()");
        return out;
    }

    private static String query(String example) {
        return example.startsWith("SELECT ") ? example : "SELECT " + example + " AS x FROM t";
    }

    /** Null when {@code query} compiles as a view over {@code t}, else the first diagnostic. */
    private static String compile(String query) {
        CompilationResult r = new SqlCompiler().compile(TABLE + "CREATE VIEW v AS " + query + ";");
        if (r.status() == ProgramStatus.SUCCESS) {
            return null;
        }
        return r.diagnostics().isEmpty() ? r.status().toString() : r.diagnostics().get(0).message();
    }

    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(text).find();
    }

    /** The README's "## SQL reference" section, up to the next second-level heading. */
    static String sqlReference() throws IOException {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("README.md");
        }
        String text = Files.readString(readme);
        int start = text.indexOf("\n## SQL reference\n");
        assertThat(start).as("README.md has a '## SQL reference' section").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }
}
