package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.JoinType;
import io.pipelinemanager.core.internal.engine.operator.Operator;
import io.pipelinemanager.core.internal.engine.operator.StatelessOperator;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.testing.ManualClock;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property test of checkpoints over every operator kind: a program compiled from SQL (joins of every type,
 * GROUP BY with every aggregate, global aggregates, DISTINCT, top-k, window functions, sessions, ASOF joins,
 * set operations) gets
 * random inserts and deletes (fixed seeds); at random steps its state is captured, encoded, decoded and
 * instantiated as a second circuit, and from then on both get the same steps and must give identical
 * outputs, snapshots, step counts and counters every step. Also checks that the program exercises every
 * stateful operator class, so a new stateful operator must be added here.
 */
class CheckpointRoundTripTest {

    static final String PROGRAM = """
            CREATE TABLE a(k INTEGER, v INTEGER, s VARCHAR(8), d DECIMAL(10, 2), f DOUBLE, b BOOLEAN,
              dt DATE, tm TIME, ts TIMESTAMP LATENESS INTERVAL '24' HOUR);
            CREATE TABLE c(k INTEGER, v INTEGER, s VARCHAR(8));
            CREATE MATERIALIZED VIEW j_inner AS SELECT a.k, a.v, c.v AS cv, a.s FROM a JOIN c ON a.k = c.k;
            CREATE MATERIALIZED VIEW j_left AS SELECT a.k, a.v, c.v AS cv FROM a LEFT JOIN c ON a.k = c.k AND a.v < c.v;
            CREATE VIEW j_right AS SELECT a.v, c.k, c.s FROM a RIGHT JOIN c ON a.k = c.k;
            CREATE VIEW j_full AS SELECT a.k AS ak, c.k AS ck, a.d FROM a FULL JOIN c ON a.k = c.k;
            CREATE VIEW j_semi AS SELECT k, v FROM a WHERE EXISTS (SELECT 1 FROM c WHERE c.k = a.k AND c.v > a.v);
            CREATE VIEW j_anti AS SELECT k, v FROM a WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.v = a.v);
            CREATE VIEW j_in AS SELECT k, s FROM a WHERE k IN (SELECT k FROM c);
            CREATE MATERIALIZED VIEW grouped AS SELECT k, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, AVG(v) AS av,
              MIN(v) AS mn, MAX(s) AS mx, COUNT(DISTINCT v) AS dv, SUM(DISTINCT v) AS sdv, SUM(d) AS sd, AVG(d) AS ad,
              SUM(f) AS sf, AVG(f) AS af, MIN(dt) AS mdt, MAX(ts) AS mts, MAX(tm) AS mtm, EVERY(b) AS ev, SOME(b) AS so,
              SUM(v) FILTER (WHERE v > 0) AS pos, STDDEV(v) AS sdev, MIN(DISTINCT s) AS mds
              FROM a GROUP BY k;
            CREATE VIEW global_agg AS SELECT COUNT(*) AS n, SUM(v) AS sv, MAX(s) AS mx, AVG(d) AS ad,
              COUNT(DISTINCT k) AS dk FROM a;
            CREATE VIEW scalar_sub AS SELECT k, (SELECT MAX(c.v) FROM c WHERE c.k = a.k) AS m FROM a;
            CREATE VIEW dist AS SELECT DISTINCT k, b FROM a;
            CREATE VIEW top3 AS SELECT k, v FROM a ORDER BY v DESC, k LIMIT 3;
            CREATE VIEW top_offset AS SELECT s, v FROM a ORDER BY s, v LIMIT 4 OFFSET 2;
            CREATE VIEW win AS SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn,
              RANK() OVER (PARTITION BY k ORDER BY v) AS rk, DENSE_RANK() OVER (ORDER BY k) AS dr,
              SUM(v) OVER (PARTITION BY k ORDER BY v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2,
              MAX(v) OVER (PARTITION BY k) AS mw, COUNT(*) OVER (PARTITION BY k) AS cw
              FROM a;
            CREATE VIEW win2 AS SELECT k, v, LAG(v, 1, 0) OVER (PARTITION BY k ORDER BY v, s) AS lg, NTILE(2) OVER (ORDER BY v, s) AS nt,
              COUNT(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS hourly
              FROM a;
            CREATE VIEW sessions AS SELECT k, window_start, window_end, COUNT(*) AS n
              FROM TABLE(SESSION(TABLE a, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '1' HOUR)) GROUP BY k, window_start, window_end;
            CREATE VIEW hops AS SELECT window_start, SUM(v) AS sv
              FROM TABLE(HOP(TABLE a, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '2' HOUR)) GROUP BY window_start;
            CREATE MATERIALIZED VIEW asof_j AS SELECT a.k, a.v, c.s FROM a LEFT ASOF JOIN c MATCH_CONDITION a.v >= c.v ON a.k = c.k;
            CREATE VIEW win3 AS SELECT k, v, LAG(v, 2) OVER (PARTITION BY k ORDER BY v, s) AS lg,
              LEAD(s) OVER (ORDER BY k, v, s) AS ld, FIRST_VALUE(v) OVER (PARTITION BY k ORDER BY v, s) AS fv,
              NTILE(3) OVER (ORDER BY v, k, s) AS nt, CUME_DIST() OVER (PARTITION BY k ORDER BY v) AS cd,
              SUM(v) OVER (ORDER BY dt RANGE BETWEEN INTERVAL '30' DAY PRECEDING AND CURRENT ROW) AS rs
              FROM a;
            CREATE VIEW tumbled AS SELECT k, window_start, COUNT(*) AS n, SUM(v) AS sv
              FROM TABLE(TUMBLE(TABLE a, DESCRIPTOR(ts), INTERVAL '6' HOUR)) GROUP BY k, window_start;
            CREATE VIEW hopped AS SELECT window_start, MAX(v) AS mv
              FROM TABLE(HOP(TABLE a, DESCRIPTOR(ts), INTERVAL '6' HOUR, INTERVAL '12' HOUR)) GROUP BY window_start;
            CREATE VIEW sessions2 AS SELECT k, window_start, window_end, COUNT(*) AS n
              FROM TABLE(SESSION(TABLE a, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '2' HOUR))
              GROUP BY k, window_start, window_end;
            CREATE VIEW uni AS SELECT k FROM a UNION SELECT k FROM c;
            CREATE VIEW uni_all AS SELECT k, v FROM a UNION ALL SELECT k, v FROM c;
            CREATE VIEW exc AS SELECT k FROM a EXCEPT SELECT k FROM c;
            CREATE VIEW exc_all AS SELECT v FROM a EXCEPT ALL SELECT v FROM c;
            CREATE VIEW isect AS SELECT k, v FROM a INTERSECT SELECT k, v FROM c;
            CREATE VIEW isect_all AS SELECT v FROM a INTERSECT ALL SELECT v FROM c;
            CREATE VIEW reach AS WITH RECURSIVE r (x, y) AS (SELECT k, v FROM c
              UNION SELECT r.x, c.v FROM r JOIN c ON r.y = c.k) SELECT x, y FROM r;
            CREATE VIEW walks AS WITH RECURSIVE r (x, n) AS (SELECT k, 0 FROM c
              UNION ALL SELECT c.v, r.n + 1 FROM r JOIN c ON r.x = c.k WHERE r.n < 2) SELECT x, n FROM r;
            CREATE MATERIALIZED VIEW recent AS SELECT k, ts FROM a
              WHERE ts > NOW() - INTERVAL '6' HOUR AND ts <= NOW() + INTERVAL '1' HOUR AND k > 0;
            CREATE VIEW konst AS SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS t(x, y);
            CREATE VIEW konst_join AS SELECT a.k, t.y FROM a JOIN (VALUES (1, 'one'), (2, 'two')) AS t(x, y) ON a.k = t.x;
            """;

    static CircuitDefinition compile() {
        CompilationResult result = new SqlCompiler().compile(PROGRAM);
        assertThat(result.diagnostics()).as("diagnostics").isEmpty();
        return result.artifact().definition();
    }

    /** Operators the compiler does not emit for the program above, built directly over the same tables. */
    static CircuitDefinition built() {
        SqlType i = SqlType.integer().asNullable();
        SqlType str = SqlType.varchar(8).asNullable();
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("a", List.of(i, i, str, SqlType.decimal(10, 2).asNullable(), SqlType.dbl().asNullable(),
                SqlType.bool().asNullable(), SqlType.date().asNullable(), SqlType.time().asNullable(),
                SqlType.timestamp().asNullable()));
        Node c = b.input("c", List.of(i, i, str));
        Expr less = Exprs.call("<", SqlType.bool().asNullable(), List.of(Exprs.ref(1, i), Exprs.ref(10, i)));
        b.output("semi", b.join(a, c, JoinSpec.equi(JoinType.SEMI, new int[] {0}, new int[] {0})), true);
        b.output("anti", b.join(a, c, JoinSpec.equi(JoinType.ANTI, new int[] {1}, new int[] {1})), true);
        b.output("semi_residual", b.join(a, c, new JoinSpec(JoinType.SEMI, new int[] {0}, new int[] {0}, null, less)), false);
        b.output("anti_null_safe", b.join(a, c, new JoinSpec(JoinType.ANTI, new int[] {0}, new int[] {0},
                new boolean[] {true}, less)), true);
        b.output("single", b.aggregate(b.distinct(c), new int[] {0, 1, 2}, List.of(AggCall.of(AggKind.SINGLE_VALUE, 1, i),
                AggCall.of(AggKind.ANY_VALUE, 1, i), AggCall.of(AggKind.SUM0, 1, SqlType.bigint()))), true);
        return b.build();
    }

    @Test
    void restoredCircuitsBehaveExactlyLikeTheOriginal() {
        roundTrips(compile());
    }

    @Test
    void restoredCircuitsOfOperatorsBuiltDirectlyBehaveExactlyLikeTheOriginal() {
        roundTrips(built());
    }

    private static void roundTrips(CircuitDefinition def) {
        for (int seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            // NOW() moves forward an hour per step through the rows' timestamps (2021-06-01 plus up to 28 hours).
            ManualClock clock = new ManualClock(LocalDateTime.of(2021, 5, 31, 20, 0));
            Circuit original = def.instantiate(clock);
            CheckpointRoundTrips roundTrips = new CheckpointRoundTrips(original);
            ZSetBuilder curA = new ZSetBuilder();
            ZSetBuilder curC = new ZSetBuilder();
            int checkpoints = 0;
            for (int step = 0; step < 40; step++) {
                String where = "seed " + seed + " step " + step;
                if (step == 0 || r.nextInt(4) == 0) {
                    roundTrips.restore().clock(clock);
                    checkpoints++;
                    roundTrips.assertTwinsSame(where + " after restore");
                }
                Map<String, ZSet> delta = Map.of("a", change(curA, r, CheckpointRoundTripTest::rowA),
                        "c", change(curC, r, CheckpointRoundTripTest::rowC));
                clock.advance(Duration.ofHours(1));
                roundTrips.step(delta, where);
                roundTrips.keepLast(3);
            }
            assertThat(checkpoints).isGreaterThan(3);
            assertThat(original.snapshot("a").size()).as("the data accumulates").isGreaterThan(10);
        }
    }

    @Test
    void theProgramExercisesEveryStatefulOperatorClass() throws Exception {
        Set<Class<?>> used = new HashSet<>();
        for (CircuitDefinition def : List.of(compile(), built())) {
            for (Operator op : def.instantiate().operators()) {
                used.add(op.getClass());
            }
        }
        for (Class<?> c : OperatorClasses.all()) {
            if (!StatelessOperator.class.isAssignableFrom(c)) {
                assertThat(used).as("stateful operator %s must be covered by this round-trip test's program", c.getSimpleName())
                        .contains(c);
            }
        }
    }

    /** Random inserts (some duplicates) and deletes of current rows; updates {@code current}. */
    private static ZSet change(ZSetBuilder current, Random r, java.util.function.Function<Random, Row> rows) {
        ZSetBuilder delta = new ZSetBuilder();
        int inserts = r.nextInt(6);
        for (int i = 0; i < inserts; i++) {
            delta.add(rows.apply(r), 1 + (r.nextInt(5) == 0 ? 1 : 0));
        }
        // In an order of their own, so that the random choices do not depend on the builder's iteration order.
        List<Map.Entry<Row, Long>> cur = new ArrayList<>(current.build().toMap().entrySet());
        cur.sort(java.util.Comparator.comparing(e -> e.getKey().toString()));
        for (Map.Entry<Row, Long> e : cur) {
            if (r.nextInt(6) == 0) {
                delta.add(e.getKey(), -Math.min(e.getValue(), 1 + r.nextInt(2)));
            }
        }
        ZSet z = delta.build();
        current.addAll(z, 1);
        return z;
    }

    private static Object maybeNull(Random r, Object v) {
        return r.nextInt(8) == 0 ? null : v;
    }

    private static Row rowA(Random r) {
        return Rows.of(maybeNull(r, (long) r.nextInt(5)), maybeNull(r, (long) (r.nextInt(13) - 4)),
                maybeNull(r, "s" + r.nextInt(4)), maybeNull(r, BigDecimal.valueOf(r.nextInt(2000) - 500, 2)),
                maybeNull(r, r.nextInt(10) == 0 ? -0.0 : (r.nextInt(400) - 100) / 8.0), maybeNull(r, r.nextBoolean()),
                maybeNull(r, LocalDate.of(2020, 1, 1).plusDays(r.nextInt(900))),
                maybeNull(r, LocalTime.of(r.nextInt(24), r.nextInt(60), 0, r.nextInt(3) * 1000)),
                maybeNull(r, LocalDateTime.of(2021, 6, 1, 0, 0).plusSeconds(r.nextInt(100_000))));
    }

    private static Row rowC(Random r) {
        return Rows.of(maybeNull(r, (long) r.nextInt(5)), maybeNull(r, (long) (r.nextInt(13) - 4)), maybeNull(r, "s" + r.nextInt(4)));
    }
}
