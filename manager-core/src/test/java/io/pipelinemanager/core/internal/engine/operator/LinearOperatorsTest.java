package io.pipelinemanager.core.internal.engine.operator;

import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.T;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearOperatorsTest {
    @Test
    void filterDropsFalseAndNullAndPassesRetractions() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(2));
        Node f = b.filter(t, Exprs.call(">", INT, List.of(Exprs.ref(0, INT), Exprs.literal(1, INT))));
        b.output("V", f, true);
        Circuit c = b.build().instantiate();
        Map<String, ZSet> out = c.step(Map.of("T", z(row(1, 1), 1, row(2, 2), 1, row(null, 3), 1)));
        assertThat(out.get("V")).isEqualTo(z(row(2, 2), 1));
        out = c.step(Map.of("T", z(row(2, 2), -1, row(5, 5), 1)));
        assertThat(out.get("V")).isEqualTo(z(row(2, 2), -1, row(5, 5), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(5, 5), 1));
        assertThat(c.snapshot("T")).isEqualTo(z(row(1, 1), 1, row(null, 3), 1, row(5, 5), 1));
    }

    @Test
    void mapMergesEqualOutputRows() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(2));
        Node m = b.map(t, List.of(Exprs.ref(1, INT)));
        b.output("V", m, false);
        Circuit c = b.build().instantiate();
        assertThat(c.step(Map.of("T", z(row(1, 7), 1, row(2, 7), 1))).get("V")).isEqualTo(z(row(7), 2));
        assertThat(c.step(Map.of("T", z(row(1, 7), -1, row(2, 7), -1))).get("V")).isEqualTo(z(row(7), -2));
    }

    @Test
    void unionAllNegateAndConstant() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(1));
        Node u = b.input("U", T.ints(1));
        Node k = b.constant(1, z(row(100), 1));
        b.output("ALL", b.unionAll(List.of(t, u, k)), true);
        b.output("DIFF", b.unionAll(List.of(t, b.negate(u))), false);
        Circuit c = b.build().instantiate();
        // The constant is there from the start (the circuit evaluates the empty input at creation).
        assertThat(c.snapshot("ALL")).isEqualTo(z(row(100), 1));
        Map<String, ZSet> out = c.step(Map.of());
        assertThat(out.get("ALL").isEmpty()).isTrue();
        out = c.step(Map.of("T", z(row(1), 1), "U", z(row(1), 1, row(2), 1)));
        assertThat(out.get("ALL")).isEqualTo(z(row(1), 2, row(2), 1));
        assertThat(out.get("DIFF")).isEqualTo(z(row(2), -1));
        out = c.step(Map.of());
        assertThat(out.get("ALL").isEmpty()).isTrue();
        assertThat(c.snapshot("ALL")).isEqualTo(z(row(1), 2, row(2), 1, row(100), 1));
    }

    @Test
    void distinctEmitsOnlyWhenIntegratedWeightCrossesZero() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(1));
        b.output("V", b.distinct(t), true);
        Circuit c = b.build().instantiate();
        assertThat(c.step(Map.of("T", z(row(1), 3, row((Object) null), 2))).get("V")).isEqualTo(z(row(1), 1, row((Object) null), 1));
        assertThat(c.step(Map.of("T", z(row(1), -2))).get("V").isEmpty()).isTrue();
        assertThat(c.step(Map.of("T", z(row(1), -1, row((Object) null), 1))).get("V")).isEqualTo(z(row(1), -1));
        assertThat(c.step(Map.of("T", z(row(1), 1))).get("V")).isEqualTo(z(row(1), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1), 1, row((Object) null), 1));
    }

    @Test
    void definitionInstantiatesIndependentCircuits() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(1));
        b.output("V", b.distinct(t), true);
        var def = b.build();
        Circuit c1 = def.instantiate();
        Circuit c2 = def.instantiate();
        c1.step(Map.of("T", z(row(1), 1)));
        assertThat(c1.snapshot("V").size()).isEqualTo(1);
        assertThat(c2.snapshot("V").isEmpty()).isTrue();
        assertThat(c2.step(Map.of("T", z(row(1), 1))).get("V")).isEqualTo(z(row(1), 1));
    }
}
