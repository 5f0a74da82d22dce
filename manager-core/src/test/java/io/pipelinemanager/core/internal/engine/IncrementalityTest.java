package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.JoinType;
import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The incrementality requirement: after loading a 100 000-row table that feeds a join +
 * GROUP BY view, a 1-row change touches O(1) rows in every operator (proved with work counters).
 */
class IncrementalityTest {
    private static final int ORDERS = 100_000;
    private static final int CUSTOMERS = 1_000;
    private static final long BOUND = 10;

    private static CircuitDefinition definition() {
        CircuitBuilder b = new CircuitBuilder();
        // ORDERS(id, customer, amount), CUSTOMERS(id, region)
        Node orders = b.input("ORDERS", T.ints(3));
        Node customers = b.input("CUSTOMERS", T.ints(2));
        Node positive = b.filter(orders, Exprs.call(">", SqlType.bool().asNullable(),
                List.of(Exprs.ref(2, INT), Exprs.literal(0, INT))));
        Node joined = b.join(positive, customers, JoinSpec.equi(JoinType.INNER, new int[] {1}, new int[] {0}));
        // region, amount
        Node projected = b.map(joined, List.of(Exprs.ref(4, INT), Exprs.ref(2, INT)));
        Node agg = b.aggregate(projected, new int[] {0}, List.of(AggCall.countStar(),
                AggCall.of(AggKind.SUM, 1, SqlType.bigint().asNullable()), AggCall.of(AggKind.MIN, 1, INT),
                AggCall.of(AggKind.MAX, 1, INT)));
        b.output("REVENUE_BY_REGION", agg, true);
        return b.build();
    }

    @Test
    void oneRowChangeTouchesConstantRowsPerOperator() {
        Circuit c = definition().instantiate();
        ZSetBuilder customers = new ZSetBuilder();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(row(i, i % 10), 1);
        }
        ZSetBuilder orders = new ZSetBuilder();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(row(i, i % CUSTOMERS, 1 + i % 100), 1);
        }
        c.step(Map.of("ORDERS", orders.build(), "CUSTOMERS", customers.build()));
        assertThat(c.snapshot("REVENUE_BY_REGION").size()).isEqualTo(10);
        long loadWork = c.counters().stream().mapToLong(OperatorCounters::lastWork).sum();
        assertThat(loadWork).isGreaterThanOrEqualTo(ORDERS);

        // insert one order
        Map<String, ZSet> out = c.step(Map.of("ORDERS", ZSet.single(row(ORDERS, 7, 50), 1)));
        assertThat(out.get("REVENUE_BY_REGION").size()).isEqualTo(2);
        assertConstantWork(c, "insert");

        // update one order (delete + insert in the same step)
        out = c.step(Map.of("ORDERS", T.z(row(3, 3, 4), -1, row(3, 3, 1000), 1)));
        assertThat(out.get("REVENUE_BY_REGION").size()).isEqualTo(2);
        assertConstantWork(c, "update");

        // delete the row holding the current MIN of region 0 is no special case either
        out = c.step(Map.of("ORDERS", ZSet.single(row(0, 0, 1), -1)));
        assertConstantWork(c, "delete");

        OperatorCounters join = c.counters().stream().filter(k -> k.kind().equals("JOIN")).findFirst().orElseThrow();
        assertThat(join.stateSize()).isGreaterThanOrEqualTo(ORDERS);
    }

    @Test
    void semiAntiAndLeftJoinsStayConstantWhenMatchStatusDoesNotFlip() {
        CircuitBuilder b = new CircuitBuilder();
        Node orders = b.input("ORDERS", T.ints(3));
        Node customers = b.input("CUSTOMERS", T.ints(2));
        b.output("SEMI", b.join(orders, customers, JoinSpec.equi(JoinType.SEMI, new int[] {1}, new int[] {0})), false);
        b.output("ANTI", b.join(orders, customers, JoinSpec.equi(JoinType.ANTI, new int[] {1}, new int[] {0})), false);
        b.output("LEFT", b.join(orders, customers, JoinSpec.equi(JoinType.LEFT, new int[] {1}, new int[] {0})), false);
        Circuit c = b.build().instantiate();
        ZSetBuilder customerRows = new ZSetBuilder();
        for (int i = 0; i < CUSTOMERS; i++) {
            customerRows.add(row(i, i % 10), 1);
        }
        ZSetBuilder orderRows = new ZSetBuilder();
        for (int i = 0; i < ORDERS; i++) {
            orderRows.add(row(i, i % (2 * CUSTOMERS), 1 + i % 100), 1);
        }
        c.step(Map.of("ORDERS", orderRows.build(), "CUSTOMERS", customerRows.build()));
        c.step(Map.of("ORDERS", ZSet.single(row(ORDERS, 1999, 5), 1)));
        assertConstantWork(c, "order insert");
        // a customer row that duplicates an existing key: SEMI/ANTI membership does not flip
        Map<String, ZSet> out = c.step(Map.of("CUSTOMERS", ZSet.single(row(5, 99), 1)));
        assertThat(out.get("SEMI").isEmpty()).isTrue();
        assertThat(out.get("ANTI").isEmpty()).isTrue();
        for (OperatorCounters k : c.counters()) {
            if (k.kind().equals("SEMI_JOIN") || k.kind().equals("ANTI_JOIN")) {
                assertThat(k.lastWork()).as("%s", k).isLessThanOrEqualTo(BOUND);
            }
        }
    }

    private static void assertConstantWork(Circuit c, String what) {
        for (OperatorCounters k : c.counters()) {
            System.out.printf("%s: #%d %-10s in=%d out=%d work=%d state=%d%n", what, k.id(), k.kind(),
                    k.lastRowsIn(), k.lastRowsOut(), k.lastWork(), k.stateSize());
            assertThat(k.lastRowsIn()).as("%s rows in of %s", what, k).isLessThanOrEqualTo(BOUND);
            assertThat(k.lastRowsOut()).as("%s rows out of %s", what, k).isLessThanOrEqualTo(BOUND);
            assertThat(k.lastWork()).as("%s work of %s", what, k).isLessThanOrEqualTo(BOUND);
        }
    }
}
