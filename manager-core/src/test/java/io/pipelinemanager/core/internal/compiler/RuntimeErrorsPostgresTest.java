package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runtime errors as PostgreSQL raises them: a step that fails in PostgreSQL (a division by zero, an overflow, a
 * failed cast on some row) fails in the circuit too and leaves it as before, a step PostgreSQL answers never
 * fails, constant folding raises no error PostgreSQL would not, and a state a step passes through (a group
 * emptied and refilled in one step) is never evaluated.
 */
class RuntimeErrorsPostgresTest {

    @RegisterExtension
    static final PostgresOracle pg = PostgresOracle.perClass();

    @Test
    void stepsThatFailInPostgresFailInTheCircuitAndAreRolledBack() throws Exception {
        PostgresOracle.Program p = pg.program("CREATE TABLE t(id INT, g INT, v INT, s VARCHAR(8)); CREATE TABLE u(g INT, w INT)")
                .view("ratio", "SELECT id, 100 / (v - 13) AS r FROM t")
                .view("scaled", "SELECT id, v * 100000000 AS big FROM t")
                .view("parsed", "SELECT id, CAST(s AS INT) + 1 AS n FROM t")
                .view("per_group", "SELECT g, 100 / (SUM(v) - 13) AS q, COUNT(*) AS n FROM t GROUP BY g")
                .view("joined", "SELECT t.id, u.w, t.v / u.w AS x FROM t JOIN u ON t.g = u.g")
                .view("mean", "SELECT g, SUM(v) / COUNT(*) AS m FROM t GROUP BY g")
                .rejectingFailingSteps()
                .compile();
        p.randomSteps(11, 60, 3, 2, Map.of(
                "t", r -> new Object[] {(long) r.nextInt(1000), (long) r.nextInt(4), (long) value(r),
                        r.nextInt(25) == 0 ? "x" : "7"},
                "u", r -> new Object[] {(long) r.nextInt(4), r.nextInt(15) == 0 ? 0L : 1L + r.nextInt(3)}));
        assertThat(p.rejectedSteps()).as("steps PostgreSQL and the circuit both failed").isGreaterThan(3);
    }

    /** Mostly harmless values; 13 divides by zero in ratio, 30 overflows INTEGER in scaled (3 000 000 000). */
    private static int value(java.util.Random r) {
        int k = r.nextInt(20);
        return k == 0 ? 13 : k == 1 ? 30 : new int[] {1, 2, -1, 0, 4}[k % 5];
    }

    /**
     * PostgreSQL folds constant subexpressions when it plans a query, so {@code 1/0} fails even next to a NULL or
     * in a table without rows; it does not evaluate a CASE branch or COALESCE argument that a constant condition
     * rules out. Each expression PostgreSQL answers must compile and give PostgreSQL's answer on every row.
     */
    @Test
    void constantFoldingRaisesNoErrorPostgresDoesNot() throws Exception {
        List<String> answered = List.of(
                "CASE WHEN false THEN 1/0 ELSE v END",
                "CASE WHEN 1 = 1 THEN v ELSE 1/0 END",
                "COALESCE(1, 1/0) + v",
                "CAST(NULL AS INT) / 0",
                "v + CAST(NULL AS INT) / 0",
                "v / NULLIF(0, 0)",
                "10 / NULLIF(v, 0)",
                "CASE WHEN v = 0 THEN 0 ELSE 10 / v END",
                "CASE WHEN v > 100 THEN v / 0 ELSE v END",
                "v * CASE WHEN false THEN 2147483647 * 2 ELSE 1 END",
                "CASE WHEN v IS NULL THEN NULL ELSE CAST('12' AS INT) END",
                // A strict operator with a NULL literal operand is NULL without evaluating the other (v * 2147483647
                // overflows for v = 5): PostgreSQL folds it when it plans the query.
                "v * 2147483647 * v = NULL",
                "NOT (v * 2147483647 * v + + v = NULL)",
                "NULL < v * 2147483647",
                "v * 2147483647 + NULL",
                "- (v * 2147483647) * CAST(NULL AS INT)",
                "ABS(v * 2147483647 - CAST(NULL AS INT))");
        for (String e : answered) {
            PostgresOracle.Program p = pg.program("CREATE TABLE t(v INT)");
            assertThat(pg.errorOf("SELECT " + e + " FROM t")).as("PostgreSQL answers %s", e).isNull();
            p.view("x", "SELECT " + e + " AS c FROM t")
                    .view("w", "SELECT v FROM t WHERE v IS NULL OR (false AND 1/0 = 1) OR v >= 0")
                    .compile()
                    .insert("t", new Object[] {0L}, new Object[] {1L}, new Object[] {null}, new Object[] {5L})
                    .delete("t", new Object[] {0L});
        }
        // The same in a filter (the sqllogictest form, with INTEGER overflowing for v = 5000).
        pg.program("CREATE TABLE t(v INT)")
                .view("f", "SELECT v FROM t WHERE NOT ( NOT v * - v * v + + v = NULL )")
                .view("g", "SELECT v FROM t WHERE v * 2147483647 < NULL OR v > 2")
                .view("h", "SELECT v FROM t WHERE NOT (v * 2147483647 * v <> CAST(NULL AS INT)) IS NULL")
                .compile()
                .insert("t", new Object[] {5000L}, new Object[] {1L}, new Object[] {null})
                .delete("t", new Object[] {1L});
        // What PostgreSQL refuses when it plans (its constant folding raises the error on any table, even empty):
        // the circuit may refuse it too (a compile error or a runtime error), as long as it never answers wrongly.
        for (String e : List.of("CAST(NULL AS INT) + 1/0", "COALESCE(v, 1/0)", "CASE WHEN v > 100 THEN 1/0 ELSE v END")) {
            pg.program("CREATE TABLE t(v INT)");
            assertThat(pg.errorOf("SELECT " + e + " FROM t")).as("PostgreSQL refuses %s", e).containsIgnoringCase("division by zero");
        }
    }

    /**
     * A view that fails over the empty tables (COUNT(*) = 0 at the start) but not over the rows that arrive does
     * not fail the circuit: its evaluation over the empty tables is deferred into the first step, and only a step
     * whose final state fails (all rows deleted) is rolled back, as PostgreSQL fails that query then. A snapshot
     * query over the empty table fails like PostgreSQL's query.
     */
    @Test
    void aViewFailingOnlyOverTheEmptyTablesWaitsForTheFirstStep() throws Exception {
        PostgresOracle.Program p = pg.program("CREATE TABLE t(v INT)")
                .view("q", "SELECT 45 / - COUNT(*) AS r FROM t")
                .view("n", "SELECT COUNT(*) AS n, SUM(v) AS s FROM t")
                .view("w", "SELECT v, 90 / - COUNT(*) OVER () AS r FROM t")
                .rejectingFailingSteps()
                .compile()
                .insert("t", new Object[] {1L}, new Object[] {2L}, new Object[] {3L})
                .delete("t", new Object[] {1L})
                .change(Map.of(), Map.of("t", List.of(new Object[] {2L}, new Object[] {3L})))
                .change(Map.of("t", List.<Object[]>of(new Object[] {4L})), Map.of("t", List.<Object[]>of(new Object[] {2L})));
        assertThat(p.rejectedSteps()).as("the step deleting every row").isEqualTo(1);

        io.pipelinemanager.core.internal.engine.Circuit deferred = new SqlCompiler().compile(
                "CREATE TABLE t(v INT); CREATE VIEW q AS SELECT 45 / - COUNT(*) AS r FROM t;"
                        + " CREATE VIEW n AS SELECT COUNT(*) AS n FROM t").artifact().newCircuit();
        assertThat(deferred.isPoisoned()).isFalse();
        assertThat(deferred.initFailure()).isNull();
        assertThat(deferred.deferredInitFailure()).isNotNull();
        assertThat(deferred.initialContents()).containsOnlyKeys("q", "n")
                .allSatisfy((view, contents) -> assertThat(contents.isEmpty()).isTrue());

        pg.program("CREATE TABLE t(v INT)");
        assertThat(pg.errorOf("SELECT 45 / - COUNT(*) FROM t")).containsIgnoringCase("division by zero");
        CompiledQuery query = SqlCompiler.compileQuery(new SqlCompiler().compile("CREATE TABLE t(v INT)").schema().tables(),
                "SELECT 45 / - COUNT(*) FROM t");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> query.definition().evaluate(Map.of(), null))
                .isInstanceOf(io.pipelinemanager.core.internal.engine.CircuitStepException.class)
                .hasMessageContaining("division by zero");
    }

    /**
     * A step that deletes a group's only row and inserts another evaluates the group's new state only: SUM / COUNT
     * never sees the empty group in between (COUNT 0), and a global aggregate emptied and refilled in one step
     * does not divide by its momentary zero either.
     */
    @Test
    void aStateAStepOnlyPassesThroughIsNeverEvaluated() throws Exception {
        pg.program("CREATE TABLE t(g INT, v INT)")
                .view("mean", "SELECT g, SUM(v) / COUNT(*) AS m FROM t GROUP BY g")
                .view("all_mean", "SELECT SUM(v) / COUNT(v) AS m FROM t WHERE v IS NOT NULL HAVING COUNT(v) > 0")
                .view("inverse", "SELECT g, 1000 / SUM(v) AS q FROM t GROUP BY g HAVING SUM(v) <> 0")
                .rejectingFailingSteps()
                .compile()
                .insert("t", new Object[] {1L, 4L}, new Object[] {2L, 6L})
                .change(Map.of("t", List.of(new Object[] {1L, 8L}, new Object[] {2L, -6L}, new Object[] {2L, 7L})),
                        Map.of("t", List.of(new Object[] {1L, 4L}, new Object[] {2L, 6L})))
                .change(Map.of("t", List.<Object[]>of(new Object[] {1L, 3L})), Map.of("t", List.<Object[]>of(new Object[] {1L, 8L})))
                .change(Map.of("t", List.<Object[]>of(new Object[] {3L, 5L})), Map.of("t", List.<Object[]>of(new Object[] {2L, -6L})));
    }
}
