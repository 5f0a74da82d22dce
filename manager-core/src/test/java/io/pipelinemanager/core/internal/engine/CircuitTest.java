package io.pipelinemanager.core.internal.engine;

import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitTest {
    private static CircuitDefinition divide() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", List.of(SqlType.integer(), INT));
        Node m = b.map(t, List.of(Exprs.call("/", INT, List.of(Exprs.ref(0, SqlType.integer()), Exprs.ref(1, INT)))));
        b.label(m, "V projection");
        b.output("V", m, true);
        b.output("W", t, false);
        return b.build();
    }

    @Test
    void runtimeErrorNamesOperatorAndViewAndRollsTheStepBack() {
        Circuit c = divide().instantiate();
        c.step(Map.of("T", z(row(6, 3), 1)));
        assertThatThrownBy(() -> c.step(Map.of("T", z(row(1, 0), 1))))
                .isInstanceOfSatisfying(CircuitStepException.class, e -> {
                    assertThat(e.code()).isEqualTo(SqlRuntimeException.Code.DIVISION_BY_ZERO);
                    assertThat(e.operatorKind()).isEqualTo("MAP");
                    assertThat(e.views()).containsExactly("V");
                    assertThat(e.getMessage()).contains("V projection").contains("division by zero");
                });
        assertThat(c.isPoisoned()).isFalse();
        assertThat(c.steps()).isEqualTo(1);
        assertThat(c.snapshot("T")).isEqualTo(z(row(6, 3), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(2), 1));
        assertThat(c.step(Map.of("T", z(row(8, 4), 1))).get("V")).isEqualTo(z(row(2), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(2), 2));
        assertThat(c.steps()).isEqualTo(2);
    }

    @Test
    void invalidInputIsRejectedBeforeAnyStateChanges() {
        Circuit c = divide().instantiate();
        assertThatThrownBy(() -> c.step(Map.of("T", ZSet.single(Rows.of(1, 2L), 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Long");
        assertThatThrownBy(() -> c.step(Map.of("T", z(row(null, 2), 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOT NULL");
        assertThatThrownBy(() -> c.step(Map.of("T", z(row(3_000_000_000L, 2), 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> c.step(Map.of("NOPE", z()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.isPoisoned()).isFalse();
        assertThat(c.snapshot("T").isEmpty()).isTrue();
        assertThatThrownBy(() -> c.snapshot("W")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countersReportEveryOperatorWithViews() {
        Circuit c = divide().instantiate();
        c.step(Map.of("T", z(row(6, 3), 1, row(8, 2), 1)));
        List<OperatorCounters> k = c.counters();
        assertThat(k).extracting(OperatorCounters::kind).containsExactly("INPUT", "MAP", "OUTPUT", "OUTPUT");
        assertThat(k.get(1).lastRowsIn()).isEqualTo(2);
        assertThat(k.get(1).lastRowsOut()).isEqualTo(2);
        assertThat(k.get(1).views()).containsExactly("V");
        assertThat(k.get(0).views()).containsExactlyInAnyOrder("V", "W");
        c.step(Map.of());
        assertThat(c.counters().get(1).lastRowsIn()).isZero();
        assertThat(c.counters().get(1).totalRowsIn()).isEqualTo(2);
        assertThat(c.steps()).isEqualTo(2);
    }
}
