package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.OperatorCounters;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The circuit the compiler generates for a join + GROUP BY view does O(1) work per operator for a 1-row change. */
class CompiledIncrementalityTest {

    private static final String PROGRAM = """
            CREATE TABLE customer(id INTEGER NOT NULL PRIMARY KEY, region VARCHAR(10));
            CREATE TABLE orders(id BIGINT NOT NULL PRIMARY KEY, customer INTEGER, amount DECIMAL(12, 2));
            CREATE VIEW revenue AS
              SELECT c.region, COUNT(*) AS orders, SUM(o.amount) AS total, MAX(o.amount) AS biggest
              FROM orders o JOIN customer c ON o.customer = c.id
              WHERE o.amount > 0
              GROUP BY c.region;
            """;

    @Test
    void oneRowChangeTouchesConstantRowsPerOperator() {
        CompilationResult result = new SqlCompiler().compile(PROGRAM);
        assertThat(result.diagnostics()).isEmpty();
        Circuit circuit = result.artifact().newCircuit();
        ZSetBuilder customers = new ZSetBuilder();
        for (int c = 0; c < 1_000; c++) {
            customers.add(Rows.of((long) c, "r" + (c % 10)), 1);
        }
        ZSetBuilder orders = new ZSetBuilder();
        for (long o = 0; o < 100_000; o++) {
            orders.add(Rows.of(o, o % 1_000, BigDecimal.valueOf(o % 97 + 1, 0).setScale(2)), 1);
        }
        circuit.step(Map.of("customer", customers.build(), "orders", orders.build()));

        Row newOrder = Rows.of(100_000L, 7L, new BigDecimal("5.00"));
        Map<String, ZSet> out = circuit.step(Map.of("orders", ZSet.ofRows(newOrder)));
        assertSmall(circuit.counters());
        assertThat(out.get("revenue").size()).isEqualTo(2);

        out = circuit.step(Map.of("orders", ZSet.single(newOrder, -1)));
        assertSmall(circuit.counters());
        assertThat(out.get("revenue").size()).isEqualTo(2);
    }

    private static void assertSmall(List<OperatorCounters> counters) {
        assertThat(counters).extracting(OperatorCounters::kind).contains("JOIN", "AGGREGATE", "FILTER");
        long maxState = counters.stream().mapToLong(OperatorCounters::stateSize).max().orElse(0);
        assertThat(maxState).as("the traces hold the data").isGreaterThanOrEqualTo(100_000);
        for (OperatorCounters c : counters) {
            assertThat(c.lastRowsIn()).as("rows in of %s", c).isLessThanOrEqualTo(4);
            assertThat(c.lastRowsOut()).as("rows out of %s", c).isLessThanOrEqualTo(4);
            assertThat(c.lastWork()).as("work of %s", c).isLessThanOrEqualTo(8);
        }
    }
}
