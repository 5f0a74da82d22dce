package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.JoinType;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import io.pipelinemanager.core.internal.engine.operator.WindowCall;
import io.pipelinemanager.core.internal.engine.operator.WindowFrame;
import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property-style test: feeding all data in one step and feeding it in many small random steps with
 * random deletes and re-inserts (fixed seeds) must give the same integrated views; the join +
 * aggregate view is also checked against a brute-force reference.
 */
class IncrementalEquivalenceTest {
    private static final List<String> VIEWS = List.of("AGG", "LEFT", "SEMI", "ANTI", "DIST", "TOP", "EXCEPT_ALL", "GLOBAL", "WINDOW");

    private static CircuitDefinition definition() {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("A", T.ints(2));
        Node c = b.input("B", T.ints(2));
        Node j = b.join(a, c, JoinSpec.equi(JoinType.INNER, new int[] {0}, new int[] {0}));
        Node sum = b.map(j, List.of(Exprs.ref(0, INT), Exprs.call("+", INT, List.of(Exprs.ref(1, INT), Exprs.ref(3, INT))),
                Exprs.ref(1, INT), Exprs.ref(3, INT)));
        b.output("AGG", b.aggregate(sum, new int[] {0}, List.of(AggCall.countStar(), AggCall.of(AggKind.SUM, 1, INT),
                AggCall.of(AggKind.MIN, 3, INT), AggCall.of(AggKind.MAX, 2, INT),
                AggCall.of(AggKind.COUNT, 2, SqlType.bigint()).withDistinct())), true);
        b.output("LEFT", b.join(a, c, new JoinSpec(JoinType.LEFT, new int[] {0}, new int[] {0}, null,
                Exprs.call("<", INT, List.of(Exprs.ref(1, INT), Exprs.ref(3, INT))))), true);
        b.output("SEMI", b.join(a, c, JoinSpec.equi(JoinType.SEMI, new int[] {0}, new int[] {0})), true);
        b.output("ANTI", b.join(a, c, JoinSpec.equi(JoinType.ANTI, new int[] {1}, new int[] {1})), true);
        b.output("DIST", b.distinct(b.map(a, List.of(Exprs.ref(0, INT)))), true);
        b.output("TOP", b.topK(a, List.of(SortKey.desc(1), SortKey.asc(0)), 1, 3), true);
        b.output("EXCEPT_ALL", b.except(List.of(a, c), true), true);
        b.output("GLOBAL", b.aggregate(c, new int[0], List.of(AggCall.countStar(), AggCall.of(AggKind.SUM, 1, INT),
                AggCall.of(AggKind.MAX, 0, INT))), true);
        b.output("WINDOW", b.window(a, new int[] {0}, List.of(SortKey.asc(1)), List.of(
                WindowCall.ranking(WindowCall.Kind.RANK),
                WindowCall.aggregate(AggCall.of(AggKind.SUM, 1, INT), WindowFrame.runningRange()),
                WindowCall.aggregate(AggCall.of(AggKind.MAX, 1, INT), WindowFrame.rowsBetween(2, 1)),
                WindowCall.lagLead(WindowCall.Kind.LAG, 1, 1, -1))), true);
        return b.build();
    }

    private static Row randomRow(Random r) {
        Object k = r.nextInt(8) == 0 ? null : (Object) (long) r.nextInt(6);
        Object v = r.nextInt(10) == 0 ? null : (Object) (long) (r.nextInt(21) - 10);
        return row(k, v);
    }

    @Test
    void oneStepAndManyRandomStepsAgree() {
        CircuitDefinition def = definition();
        for (int seed = 1; seed <= 25; seed++) {
            Random r = new Random(seed);
            List<Row> finalA = new ArrayList<>();
            List<Row> finalB = new ArrayList<>();
            int n = 20 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                finalA.add(randomRow(r));
                finalB.add(randomRow(r));
            }
            Circuit once = def.instantiate();
            once.step(Map.of("A", ZSet.ofRows(finalA), "B", ZSet.ofRows(finalB)));

            Circuit many = def.instantiate();
            feedInRandomSteps(many, finalA, finalB, r);

            for (String v : VIEWS) {
                assertThat(many.snapshot(v)).as("view %s seed %d", v, seed).isEqualTo(once.snapshot(v));
            }
            assertThat(once.snapshot("AGG")).as("reference seed %d", seed).isEqualTo(reference(finalA, finalB));
        }
    }

    private static void feedInRandomSteps(Circuit c, List<Row> finalA, List<Row> finalB, Random r) {
        ZSetBuilder curA = new ZSetBuilder();
        ZSetBuilder curB = new ZSetBuilder();
        int ia = 0;
        int ib = 0;
        while (ia < finalA.size() || ib < finalB.size()) {
            ZSetBuilder da = new ZSetBuilder();
            ZSetBuilder db = new ZSetBuilder();
            int k = 1 + r.nextInt(5);
            for (int i = 0; i < k && ia < finalA.size(); i++) {
                da.add(finalA.get(ia++), 1);
            }
            for (int i = 0; i < k && ib < finalB.size(); i++) {
                db.add(finalB.get(ib++), 1);
            }
            churn(curA, da, r);
            churn(curB, db, r);
            ZSet za = da.build();
            ZSet zb = db.build();
            curA.addAll(za, 1);
            curB.addAll(zb, 1);
            c.step(Map.of("A", za, "B", zb));
        }
        // Undo the churn: a final step restores the exact final contents.
        ZSetBuilder fixA = new ZSetBuilder().addAll(ZSet.ofRows(finalA), 1).addAll(curA.build(), -1);
        ZSetBuilder fixB = new ZSetBuilder().addAll(ZSet.ofRows(finalB), 1).addAll(curB.build(), -1);
        c.step(Map.of("A", fixA.build(), "B", fixB.build()));
    }

    /** Randomly deletes some current rows (and sometimes re-inserts them in the same step), or adds junk. */
    private static void churn(ZSetBuilder current, ZSetBuilder delta, Random r) {
        ZSet cur = current.build();
        for (int i = 0; i < cur.size(); i++) {
            int dice = r.nextInt(10);
            if (dice == 0) {
                delta.add(cur.row(i), -1);
            } else if (dice == 1) {
                delta.add(cur.row(i), -1);
                delta.add(cur.row(i), 1);
            }
        }
        if (r.nextInt(3) == 0) {
            delta.add(randomRow(r), 1);
        }
    }

    /** Brute force: join on non-null equal keys, group by key. */
    private static ZSet reference(List<Row> a, List<Row> b) {
        Map<Object, List<long[]>> groups = new HashMap<>();
        for (Row x : a) {
            for (Row y : b) {
                if (x.get(0) != null && x.get(0).equals(y.get(0))) {
                    groups.computeIfAbsent(x.get(0), k -> new ArrayList<>())
                            .add(new long[] {x.get(1) == null ? Long.MIN_VALUE : (Long) x.get(1),
                                    y.get(1) == null ? Long.MIN_VALUE : (Long) y.get(1)});
                }
            }
        }
        ZSetBuilder out = new ZSetBuilder();
        for (Map.Entry<Object, List<long[]>> e : groups.entrySet()) {
            Long sum = null;
            Long min = null;
            Long max = null;
            TreeMap<Long, Boolean> distinct = new TreeMap<>();
            for (long[] p : e.getValue()) {
                boolean xn = p[0] == Long.MIN_VALUE;
                boolean yn = p[1] == Long.MIN_VALUE;
                if (!xn && !yn) {
                    sum = (sum == null ? 0 : sum) + p[0] + p[1];
                }
                if (!yn) {
                    min = min == null ? p[1] : Math.min(min, p[1]);
                }
                if (!xn) {
                    max = max == null ? p[0] : Math.max(max, p[0]);
                    distinct.put(p[0], true);
                }
            }
            out.add(row(e.getKey(), (long) e.getValue().size(), sum, min, max, (long) distinct.size()), 1);
        }
        return out.build();
    }
}
