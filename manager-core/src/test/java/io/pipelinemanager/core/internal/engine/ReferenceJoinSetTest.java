package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.JoinType;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.operator.RowOrder;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random steps (inserts, deletes, re-inserts) through outer/semi/anti joins with a residual, set
 * operations and top-k; after every step each view must equal a brute-force evaluation over the
 * integrated inputs.
 */
class ReferenceJoinSetTest {
    /** Residual on the joined row (a.k, a.v, b.k, b.v): a.v &lt;= b.v. */
    private static final Expr RESIDUAL = Exprs.call("<=", INT, List.of(Exprs.ref(1, INT), Exprs.ref(3, INT)));

    private static CircuitDefinition definition() {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("A", T.ints(2));
        Node c = b.input("B", T.ints(2));
        for (JoinType t : JoinType.values()) {
            b.output(t.name(), b.join(a, c, new JoinSpec(t, new int[] {0}, new int[] {0}, null, RESIDUAL)), true);
            b.output(t.name() + "_EQ", b.join(a, c, JoinSpec.equi(t, new int[] {0}, new int[] {0})), true);
        }
        b.output("INTERSECT", b.intersect(List.of(a, c), false), true);
        b.output("INTERSECT_ALL", b.intersect(List.of(a, c), true), true);
        b.output("EXCEPT", b.except(List.of(a, c), false), true);
        b.output("EXCEPT_ALL", b.except(List.of(a, c), true), true);
        b.output("TOP", b.topK(a, List.of(SortKey.asc(1), SortKey.desc(0)), 2, 3), true);
        return b.build();
    }

    private static boolean matches(Row l, Row r, boolean residual) {
        return l.get(0) != null && Rows.equal(Rows.of(l.get(0)), Rows.of(r.get(0)))
                && (!residual || RESIDUAL.eval(Rows.concat(l, r)) == Boolean.TRUE);
    }

    private static ZSet join(JoinType type, List<Row> as, List<Row> bs, boolean residual) {
        ZSetBuilder out = new ZSetBuilder();
        for (Row l : as) {
            boolean any = false;
            for (Row r : bs) {
                if (matches(l, r, residual)) {
                    any = true;
                    if (type != JoinType.SEMI && type != JoinType.ANTI) {
                        out.add(Rows.concat(l, r), 1);
                    }
                }
            }
            if ((type == JoinType.SEMI && any) || (type == JoinType.ANTI && !any)) {
                out.add(l, 1);
            }
            if (!any && (type == JoinType.LEFT || type == JoinType.FULL)) {
                out.add(Rows.concat(l, Rows.nulls(2)), 1);
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (Row r : bs) {
                if (as.stream().noneMatch(l -> matches(l, r, residual))) {
                    out.add(Rows.concat(Rows.nulls(2), r), 1);
                }
            }
        }
        return out.build();
    }

    private static ZSet setOp(String op, ZSet a, ZSet b) {
        ZSetBuilder out = new ZSetBuilder();
        ZSetBuilder rows = new ZSetBuilder().addAll(a, 1).addAll(b, 1);
        rows.forEach((r, ignored) -> {
            long wa = a.weight(r);
            long wb = b.weight(r);
            long w;
            switch (op) {
                case "INTERSECT": w = wa > 0 && wb > 0 ? 1 : 0; break;
                case "INTERSECT_ALL": w = Math.min(wa, wb); break;
                case "EXCEPT": w = wa > 0 && wb == 0 ? 1 : 0; break;
                default: w = Math.max(0, wa - wb);
            }
            out.add(r, w);
        });
        return out.build();
    }

    private static ZSet top(List<Row> as) {
        List<Row> sorted = new ArrayList<>(as);
        sorted.sort(new RowOrder(List.of(SortKey.asc(1), SortKey.desc(0))));
        return ZSet.ofRows(sorted.subList(Math.min(2, sorted.size()), Math.min(5, sorted.size())));
    }

    private static Row randomRow(Random r) {
        return row(r.nextInt(6) == 0 ? null : (Object) (long) r.nextInt(4),
                r.nextInt(6) == 0 ? null : (Object) (long) r.nextInt(5));
    }

    @Test
    void everyStepMatchesBruteForce() {
        CircuitDefinition def = definition();
        for (int seed = 1; seed <= 15; seed++) {
            Random r = new Random(seed);
            Circuit c = def.instantiate();
            ZSetBuilder a = new ZSetBuilder();
            ZSetBuilder b = new ZSetBuilder();
            for (int step = 0; step < 40; step++) {
                ZSet da = randomDelta(a, r);
                ZSet db = randomDelta(b, r);
                a.addAll(da, 1);
                b.addAll(db, 1);
                c.step(Map.of("A", da, "B", db));
                ZSet za = a.build();
                ZSet zb = b.build();
                for (JoinType t : JoinType.values()) {
                    assertThat(c.snapshot(t.name())).as("%s seed %d step %d", t, seed, step)
                            .isEqualTo(join(t, za.toBag(), zb.toBag(), true));
                    assertThat(c.snapshot(t.name() + "_EQ")).as("%s_EQ seed %d step %d", t, seed, step)
                            .isEqualTo(join(t, za.toBag(), zb.toBag(), false));
                }
                for (String op : List.of("INTERSECT", "INTERSECT_ALL", "EXCEPT", "EXCEPT_ALL")) {
                    assertThat(c.snapshot(op)).as("%s seed %d step %d", op, seed, step).isEqualTo(setOp(op, za, zb));
                }
                assertThat(c.snapshot("TOP")).as("TOP seed %d step %d", seed, step).isEqualTo(top(za.toBag()));
            }
        }
    }

    private static ZSet randomDelta(ZSetBuilder current, Random r) {
        ZSetBuilder d = new ZSetBuilder();
        ZSet cur = current.build();
        for (int i = 0; i < cur.size(); i++) {
            if (r.nextInt(5) == 0) {
                d.add(cur.row(i), -Math.min(cur.weightAt(i), 1 + r.nextInt(2)));
            }
        }
        int inserts = r.nextInt(4);
        for (int i = 0; i < inserts; i++) {
            d.add(randomRow(r), 1);
        }
        return d.build();
    }
}
