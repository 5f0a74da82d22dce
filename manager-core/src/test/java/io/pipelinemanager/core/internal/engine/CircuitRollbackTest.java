package io.pipelinemanager.core.internal.engine;

import static io.pipelinemanager.core.internal.engine.T.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.operator.StepBudget;
import io.pipelinemanager.core.internal.engine.operator.StepBudgetExceededException;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A step is a transaction: a step that fails at run time leaves the circuit exactly as a circuit that never
 * saw it. Property-style (fixed seeds): random programs (random halves of a list of views covering every stateful
 * operator) and random batches of inserts and deletes, some of them with rows that make
 * a view fail (division by zero in a projection, after a join, after an aggregate and after a top-k; a scalar
 * subquery with two rows), are fed to one circuit; another circuit gets only the batches that succeeded. After
 * every step both have equal snapshots of every table and materialized view, step counts and counters, and
 * every successful step gives both the same view deltas.
 */
class CircuitRollbackTest {

    static final String TABLES = """
            CREATE TABLE t (id INT NOT NULL, g INT, a INT, b INT);
            CREATE TABLE u (g INT, w INT);
            """;

    /** Every kind of stateful operator, with failures placed before, after and between them. */
    static final List<String> VIEWS = List.of(
            "CREATE MATERIALIZED VIEW ratio AS SELECT id, a / b AS q FROM t",
            "CREATE MATERIALIZED VIEW agg AS SELECT g, COUNT(*) AS n, SUM(a) AS s, MIN(a) AS mn, MAX(b) AS mx,"
                    + " COUNT(DISTINCT a) AS d, AVG(b) AS av FROM t GROUP BY g",
            "CREATE MATERIALIZED VIEW group_ratio AS SELECT g, SUM(a) / SUM(b) AS r FROM t GROUP BY g",
            "CREATE MATERIALIZED VIEW joined AS SELECT t.id, u.w, t.a / u.w AS x FROM t JOIN u ON t.g = u.g",
            "CREATE MATERIALIZED VIEW lj AS SELECT t.id, u.w FROM t LEFT JOIN u ON t.g = u.g AND t.a < u.w",
            "CREATE MATERIALIZED VIEW semi AS SELECT id FROM t WHERE g IN (SELECT g FROM u)",
            "CREATE MATERIALIZED VIEW anti AS SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.g = t.g)",
            "CREATE MATERIALIZED VIEW dist AS SELECT DISTINCT g, a FROM t",
            "CREATE MATERIALIZED VIEW top3 AS SELECT id, a FROM t ORDER BY a DESC, id LIMIT 3",
            "CREATE MATERIALIZED VIEW low2 AS SELECT id, 100 / a AS inv FROM (SELECT id, a FROM t ORDER BY a, id LIMIT 2) AS x",
            "CREATE MATERIALIZED VIEW win AS SELECT id, g, RANK() OVER (PARTITION BY g ORDER BY a) AS rk,"
                    + " SUM(a) OVER (PARTITION BY g ORDER BY a) AS run_sum FROM t",
            "CREATE MATERIALIZED VIEW exc AS SELECT g FROM t EXCEPT SELECT g FROM u",
            "CREATE MATERIALIZED VIEW glob AS SELECT COUNT(*) AS n, SUM(a) AS s, MAX(a) AS m FROM t",
            "CREATE MATERIALIZED VIEW scalar AS SELECT id, (SELECT w FROM u WHERE u.g = t.g) AS w FROM t",
            "CREATE MATERIALIZED VIEW consts AS SELECT * FROM (VALUES (1), (2)) AS v(x)",
            "CREATE MATERIALIZED VIEW more_aggs AS SELECT g, STRING_AGG(CAST(a AS VARCHAR), ',' ORDER BY a) AS sa,"
                    + " VAR_POP(a) AS vp FROM t GROUP BY g",
            "CREATE MATERIALIZED VIEW lagged AS SELECT id, LAG(a) OVER (PARTITION BY g ORDER BY id) AS prev_a FROM t",
            "CREATE MATERIALIZED VIEW nearest AS SELECT t.id, u.w FROM t LEFT ASOF JOIN u MATCH_CONDITION t.a >= u.w"
                    + " ON t.g = u.g");

    /** All the views in one program. */
    static final String PROGRAM = TABLES + String.join(";\n", VIEWS) + ";";

    static CircuitDefinition compile(String sql) {
        CompilationResult result = new SqlCompiler().compile(sql);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.status()).isEqualTo(ProgramStatus.SUCCESS);
        return result.artifact().definition();
    }

    @Test
    void aFailedStepLeavesTheCircuitAsIfItNeverHappened() {
        Set<String> failedViews = new TreeSet<>();
        Set<SqlRuntimeException.Code> codes = new TreeSet<>();
        int failures = 0;
        int successes = 0;
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            // Random programs: every fourth seed all the views, the others a random half of them.
            List<String> views = new ArrayList<>(VIEWS);
            if (seed % 4 != 0) {
                java.util.Collections.shuffle(views, random);
                views = views.subList(0, VIEWS.size() / 2);
            }
            CircuitDefinition def = compile(TABLES + String.join(";\n", views) + ";");
            Circuit tested = def.instantiate();
            Circuit reference = def.instantiate();
            Model model = new Model();
            for (int step = 0; step < 30; step++) {
                // Even seeds start with a batch that fails: the first step also starts the global aggregate and
                // emits the constants, which a rollback must undo.
                boolean poison = (step == 0 && seed % 2 == 0) || random.nextInt(4) == 0;
                Map<String, ZSet> batch = model.batch(random, poison);
                Map<String, ZSet> out;
                try {
                    out = tested.step(batch);
                } catch (CircuitStepException e) {
                    failures++;
                    failedViews.addAll(e.views());
                    codes.add(e.code());
                    assertThat(tested.isPoisoned()).isFalse();
                    assertSameState(def, tested, reference, "seed " + seed + " step " + step + " after " + e.getMessage());
                    continue;
                }
                successes++;
                model.applied(batch);
                Map<String, ZSet> expected = reference.step(batch);
                assertThat(toMaps(out)).as("seed %d step %d deltas", seed, step).isEqualTo(toMaps(expected));
                assertSameState(def, tested, reference, "seed " + seed + " step " + step);
            }
        }
        assertThat(failures).as("failed steps").isGreaterThan(60);
        assertThat(successes).as("successful steps").isGreaterThan(400);
        assertThat(failedViews).as("views whose operators failed")
                .contains("ratio", "group_ratio", "joined", "low2", "scalar");
        assertThat(codes).contains(SqlRuntimeException.Code.DIVISION_BY_ZERO, SqlRuntimeException.Code.SINGLE_VALUE);
    }

    @Test
    void aStepOverItsBudgetIsRolledBackToo() {
        CircuitDefinition def = compile("""
                CREATE TABLE t (g INT, a INT);
                CREATE MATERIALIZED VIEW pairs AS SELECT x.a AS l, y.a AS r FROM t AS x JOIN t AS y ON x.g = y.g;
                CREATE MATERIALIZED VIEW n AS SELECT COUNT(*) AS n FROM t;
                """);
        Circuit tested = def.instantiate();
        Circuit reference = def.instantiate();
        Map<String, ZSet> small = Map.of("t", rows(0, 10));
        tested.step(small);
        reference.step(small);
        Map<String, ZSet> big = Map.of("t", rows(0, 2000));
        assertThatThrownBy(() -> tested.step(big, new StepBudget(1 << 20)))
                .isInstanceOf(StepBudgetExceededException.class);
        assertThat(tested.isPoisoned()).isFalse();
        assertSameState(def, tested, reference, "after the budget was exceeded");
        Map<String, ZSet> next = Map.of("t", rows(10, 20));
        assertThat(toMaps(tested.step(next))).isEqualTo(toMaps(reference.step(next)));
        assertSameState(def, tested, reference, "after the next step");
    }

    @Test
    void aOneShotEvaluationThatFailsStillPoisonsItsInstance() {
        CircuitDefinition def = compile("CREATE TABLE t (a INT, b INT); CREATE VIEW v AS SELECT a / b AS q FROM t;");
        assertThatThrownBy(() -> def.evaluate(Map.of("t", ZSet.ofRows(row(1, 0))), null))
                .isInstanceOf(CircuitStepException.class)
                .satisfies(e -> assertThat(((CircuitStepException) e).code()).isEqualTo(SqlRuntimeException.Code.DIVISION_BY_ZERO));
    }

    private static ZSet rows(int from, int to) {
        ZSetBuilder b = new ZSetBuilder();
        for (int i = from; i < to; i++) {
            b.add(row(0, i), 1);
        }
        return b.build();
    }

    static void assertSameState(CircuitDefinition def, Circuit tested, Circuit reference, String when) {
        assertThat(tested.steps()).as("steps %s", when).isEqualTo(reference.steps());
        for (String table : def.tableNames()) {
            assertThat(tested.snapshot(table).toMap()).as("table %s %s", table, when)
                    .isEqualTo(reference.snapshot(table).toMap());
        }
        for (String view : def.viewNames()) {
            if (def.isMaterialized(view)) {
                assertThat(tested.snapshot(view).toMap()).as("view %s %s", view, when)
                        .isEqualTo(reference.snapshot(view).toMap());
            }
        }
        assertThat(tested.counters()).as("counters %s", when).isEqualTo(reference.counters());
    }

    static Map<String, Map<Row, Long>> toMaps(Map<String, ZSet> deltas) {
        Map<String, Map<Row, Long>> out = new HashMap<>();
        deltas.forEach((k, v) -> out.put(k, v.toMap()));
        return out;
    }

    /** The rows each table holds in the reference, to delete existing rows; generates batches. */
    static final class Model {
        private final List<Row> t = new ArrayList<>();
        private final List<Row> u = new ArrayList<>();
        private int nextId;

        Map<String, ZSet> batch(Random random, boolean poison) {
            ZSetBuilder dt = new ZSetBuilder();
            ZSetBuilder du = new ZSetBuilder();
            int inserts = 1 + random.nextInt(4);
            for (int i = 0; i < inserts; i++) {
                // b is never 0 here, but may sum to 0 within a group (SUM(a) / SUM(b) fails then).
                int b = random.nextBoolean() ? 1 + random.nextInt(3) : -1 - random.nextInt(2);
                dt.add(row(nextId++, random.nextInt(4), 1 + random.nextInt(9), b), 1);
            }
            if (!t.isEmpty() && random.nextInt(3) == 0) {
                dt.add(t.get(random.nextInt(t.size())), -1);
            }
            if (random.nextInt(4) == 0) {
                du.add(row(4 + random.nextInt(3), 1 + random.nextInt(5)), 1);
            }
            if (!u.isEmpty() && random.nextInt(5) == 0) {
                du.add(u.get(random.nextInt(u.size())), -1);
            }
            if (poison) {
                switch (random.nextInt(4)) {
                    case 0 -> dt.add(row(nextId++, random.nextInt(4), 5, 0), 1);                // ratio: a / 0
                    case 1 -> du.add(row(random.nextInt(4), 0), 1);                              // joined: a / w, w = 0
                    case 2 -> dt.add(row(nextId++, random.nextInt(4), 0, 1), 1);                 // low2: 100 / 0 (smallest a)
                    default -> {                                                                  // scalar: two rows of u
                        int g = random.nextInt(4);
                        du.add(row(g, 1), 1);
                        du.add(row(g, 2), 1);
                        dt.add(row(nextId++, g, 1, 1), 1);
                    }
                }
            }
            Map<String, ZSet> batch = new HashMap<>();
            if (!dt.isEmpty()) {
                batch.put("t", dt.build());
            }
            if (!du.isEmpty()) {
                batch.put("u", du.build());
            }
            return batch;
        }

        void applied(Map<String, ZSet> batch) {
            apply(t, batch.get("t"));
            apply(u, batch.get("u"));
        }

        private static void apply(List<Row> rows, ZSet delta) {
            if (delta == null) {
                return;
            }
            delta.forEach((r, w) -> {
                for (long i = 0; i < Math.abs(w); i++) {
                    if (w > 0) {
                        rows.add(r);
                    } else {
                        rows.remove(r);
                    }
                }
            });
        }
    }
}
