package io.pipelinemanager.core.internal.engine.operator;

import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.T;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinOperatorsTest {
    /** A(k, a) join B(k, b) on k, optional residual a < b (columns 1 and 3 of the joined row). */
    private static Circuit circuit(JoinType type, boolean residual) {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("A", T.ints(2));
        Node bb = b.input("B", T.ints(2));
        Expr res = residual ? Exprs.call("<", INT, List.of(Exprs.ref(1, INT), Exprs.ref(3, INT))) : null;
        b.output("V", b.join(a, bb, new JoinSpec(type, new int[] {0}, new int[] {0}, null, res)), true);
        return b.build().instantiate();
    }

    private static Map<String, ZSet> step(Circuit c, ZSet a, ZSet b) {
        return c.step(Map.of("A", a, "B", b));
    }

    @Test
    void innerJoinIsBilinearAndNullKeysNeverMatch() {
        Circuit c = circuit(JoinType.INNER, false);
        assertThat(step(c, z(row(1, 10), 1, row(null, 11), 1), z(row(1, 20), 1, row(null, 21), 1)).get("V"))
                .isEqualTo(z(row(1, 10, 1, 20), 1));
        assertThat(step(c, z(row(1, 12), 2), z()).get("V")).isEqualTo(z(row(1, 12, 1, 20), 2));
        assertThat(step(c, z(row(1, 10), -1), z(row(1, 30), 1)).get("V"))
                .isEqualTo(z(row(1, 10, 1, 20), -1, row(1, 12, 1, 30), 2));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 12, 1, 20), 2, row(1, 12, 1, 30), 2));
    }

    @Test
    void innerJoinResidualFiltersPairs() {
        Circuit c = circuit(JoinType.INNER, true);
        step(c, z(row(1, 10), 1, row(1, 25), 1), z(row(1, 20), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, 1, 20), 1));
    }

    @Test
    void nullSafeKeysMatchNulls() {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("A", T.ints(1));
        Node bb = b.input("B", T.ints(1));
        b.output("V", b.join(a, bb, new JoinSpec(JoinType.INNER, new int[] {0}, new int[] {0}, new boolean[] {true}, null)), true);
        Circuit c = b.build().instantiate();
        c.step(Map.of("A", z(row((Object) null), 1), "B", z(row((Object) null), 1)));
        assertThat(c.snapshot("V")).isEqualTo(z(row(null, null), 1));
    }

    @Test
    void leftJoinPadsUnmatchedRowsAsMatchesAppearAndDisappear() {
        Circuit c = circuit(JoinType.LEFT, false);
        assertThat(step(c, z(row(1, 10), 1, row(null, 11), 1), z()).get("V"))
                .isEqualTo(z(row(1, 10, null, null), 1, row(null, 11, null, null), 1));
        assertThat(step(c, z(), z(row(1, 20), 1)).get("V"))
                .isEqualTo(z(row(1, 10, null, null), -1, row(1, 10, 1, 20), 1));
        assertThat(step(c, z(), z(row(1, 21), 1)).get("V")).isEqualTo(z(row(1, 10, 1, 21), 1));
        assertThat(step(c, z(row(1, 12), 1), z(row(1, 20), -1, row(1, 21), -1)).get("V"))
                .isEqualTo(z(row(1, 10, 1, 20), -1, row(1, 10, 1, 21), -1, row(1, 10, null, null), 1, row(1, 12, null, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, null, null), 1, row(1, 12, null, null), 1, row(null, 11, null, null), 1));
    }

    @Test
    void leftJoinWithResidualDecidesMatchesPerRow() {
        Circuit c = circuit(JoinType.LEFT, true);
        step(c, z(row(1, 10), 1, row(1, 30), 1), z(row(1, 20), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, 1, 20), 1, row(1, 30, null, null), 1));
        step(c, z(), z(row(1, 40), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, 1, 20), 1, row(1, 10, 1, 40), 1, row(1, 30, 1, 40), 1));
        step(c, z(row(1, 50), 1), z(row(1, 20), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, 1, 40), 1, row(1, 30, 1, 40), 1, row(1, 50, null, null), 1));
    }

    @Test
    void rightAndFullJoins() {
        Circuit r = circuit(JoinType.RIGHT, false);
        step(r, z(row(2, 10), 1), z(row(1, 20), 1, row(2, 21), 1));
        assertThat(r.snapshot("V")).isEqualTo(z(row(null, null, 1, 20), 1, row(2, 10, 2, 21), 1));
        Circuit f = circuit(JoinType.FULL, false);
        step(f, z(row(3, 10), 1, row(2, 11), 1), z(row(1, 20), 1, row(2, 21), 1));
        assertThat(f.snapshot("V")).isEqualTo(z(row(3, 10, null, null), 1, row(null, null, 1, 20), 1, row(2, 11, 2, 21), 1));
        step(f, z(row(2, 11), -1, row(1, 12), 1), z());
        assertThat(f.snapshot("V")).isEqualTo(z(row(3, 10, null, null), 1, row(1, 12, 1, 20), 1, row(null, null, 2, 21), 1));
    }

    @Test
    void semiAndAntiJoins() {
        Circuit semi = circuit(JoinType.SEMI, false);
        Circuit anti = circuit(JoinType.ANTI, false);
        for (Circuit c : List.of(semi, anti)) {
            step(c, z(row(1, 10), 1, row(2, 11), 1, row(null, 12), 1), z(row(1, 20), 1, row(1, 21), 1, row(null, 22), 1));
        }
        assertThat(semi.snapshot("V")).isEqualTo(z(row(1, 10), 1));
        assertThat(anti.snapshot("V")).isEqualTo(z(row(2, 11), 1, row(null, 12), 1));
        for (Circuit c : List.of(semi, anti)) {
            step(c, z(row(1, 13), 1), z(row(1, 20), -1, row(2, 23), 1));
        }
        assertThat(semi.snapshot("V")).isEqualTo(z(row(1, 10), 1, row(1, 13), 1, row(2, 11), 1));
        assertThat(anti.snapshot("V")).isEqualTo(z(row(null, 12), 1));
        for (Circuit c : List.of(semi, anti)) {
            step(c, z(), z(row(1, 21), -1));
        }
        assertThat(semi.snapshot("V")).isEqualTo(z(row(2, 11), 1));
        assertThat(anti.snapshot("V")).isEqualTo(z(row(1, 10), 1, row(1, 13), 1, row(null, 12), 1));
    }

    @Test
    void crossProductWithEmptyKeys() {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("A", T.ints(1));
        Node bb = b.input("B", T.ints(1));
        b.output("V", b.join(a, bb, JoinSpec.equi(JoinType.INNER, new int[0], new int[0])), true);
        Circuit c = b.build().instantiate();
        c.step(Map.of("A", z(row(1), 1, row(2), 1), "B", z(row(3), 1)));
        c.step(Map.of("B", z(row(4), 1)));
        assertThat(c.snapshot("V").size()).isEqualTo(4);
    }
}
