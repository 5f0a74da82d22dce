package io.pipelinemanager.core.internal.engine.operator;

import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.T;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateOperatorTest {
    private static Circuit circuit(int[] keys, AggCall... calls) {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", List.of(INT, INT, SqlType.bool().asNullable()));
        b.output("V", b.aggregate(t, keys, List.of(calls)), true);
        return b.build().instantiate();
    }

    private static ZSet step(Circuit c, ZSet t) {
        return c.step(Map.of("T", t)).get("V");
    }

    @Test
    void groupByEmitsRetractAndInsertOnlyForTouchedGroups() {
        Circuit c = circuit(new int[] {0}, AggCall.countStar(), AggCall.of(AggKind.SUM, 1, INT), AggCall.of(AggKind.COUNT, 1, SqlType.bigint()));
        assertThat(step(c, z(row(1, 10, null), 1, row(1, null, null), 1, row(2, 5, null), 1)))
                .isEqualTo(z(row(1, 2, 10, 1), 1, row(2, 1, 5, 1), 1));
        assertThat(step(c, z(row(1, 7, null), 1)))
                .isEqualTo(z(row(1, 2, 10, 1), -1, row(1, 3, 17, 2), 1));
        assertThat(step(c, z(row(2, 5, null), -1))).isEqualTo(z(row(2, 1, 5, 1), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 3, 17, 2), 1));
    }

    @Test
    void stateShrinksBackWhenGroupsDisappear() {
        Circuit c = circuit(new int[] {0}, AggCall.countStar(), AggCall.of(AggKind.MIN, 1, INT));
        step(c, z(row(1, 10, null), 1, row(2, 5, null), 1));
        long withGroups = aggregateState(c);
        assertThat(withGroups).isPositive();
        step(c, z(row(2, 5, null), -1));
        assertThat(aggregateState(c)).isPositive().isLessThan(withGroups);
        step(c, z(row(1, 10, null), -1));
        assertThat(aggregateState(c)).isZero();
    }

    private static long aggregateState(Circuit c) {
        return c.counters().stream().filter(k -> k.kind().toUpperCase().contains("AGG"))
                .mapToLong(io.pipelinemanager.core.internal.engine.OperatorCounters::stateSize).sum();
    }

    @Test
    void nullGroupKeysFormOneGroup() {
        Circuit c = circuit(new int[] {0}, AggCall.countStar());
        step(c, z(row(null, 1, null), 1, row(null, 2, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(null, 2), 1));
    }

    @Test
    void minMaxSurviveDeletingTheCurrentExtreme() {
        Circuit c = circuit(new int[] {0}, AggCall.of(AggKind.MIN, 1, INT), AggCall.of(AggKind.MAX, 1, INT));
        step(c, z(row(1, 5, null), 1, row(1, 3, null), 2, row(1, 9, null), 1, row(1, null, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 3, 9), 1));
        step(c, z(row(1, 3, null), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 3, 9), 1));
        step(c, z(row(1, 3, null), -1, row(1, 9, null), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 5, 5), 1));
        step(c, z(row(1, 5, null), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, null, null), 1));
    }

    @Test
    void countDistinctAndSumDistinct() {
        Circuit c = circuit(new int[] {0}, AggCall.of(AggKind.COUNT, 1, SqlType.bigint()).withDistinct(),
                AggCall.of(AggKind.SUM, 1, INT).withDistinct());
        step(c, z(row(1, 5, null), 2, row(1, 6, null), 1, row(1, null, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 2, 11), 1));
        step(c, z(row(1, 5, null), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 2, 11), 1));
        step(c, z(row(1, 5, null), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 1, 6), 1));
    }

    @Test
    void globalAggregateHasOneRowAlsoForEmptyInput() {
        Circuit c = circuit(new int[0], AggCall.countStar(), AggCall.of(AggKind.SUM, 1, INT),
                AggCall.of(AggKind.SUM0, 1, INT), AggCall.of(AggKind.MAX, 1, INT), AggCall.of(AggKind.AVG, 1, INT));
        // The row over the empty table is there from the start (the circuit evaluates the empty input at creation).
        assertThat(c.snapshot("V")).isEqualTo(z(row(0, null, 0, null, null), 1));
        assertThat(step(c, z()).isEmpty()).isTrue();
        assertThat(step(c, z(row(1, 4, null), 1, row(2, 7, null), 1)))
                .isEqualTo(z(row(0, null, 0, null, null), -1, row(2, 11, 11, 7, 5), 1));
        step(c, z(row(1, 4, null), -1, row(2, 7, null), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(0, null, 0, null, null), 1));
    }

    @Test
    void avgFollowsResultType() {
        Circuit c = circuit(new int[0], AggCall.of(AggKind.AVG, 1, INT), AggCall.of(AggKind.AVG, 1, SqlType.dbl().asNullable()),
                AggCall.of(AggKind.AVG, 1, SqlType.decimal(10, 2).asNullable()));
        step(c, z(row(1, -1, null), 1, row(1, -2, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(-1, -1.5, new BigDecimal("-1.50")), 1));
    }

    @Test
    void filterArgumentRestrictsRows() {
        Circuit c = circuit(new int[0], AggCall.countStar().withFilter(2), AggCall.of(AggKind.SUM, 1, INT).withFilter(2));
        step(c, z(row(1, 4, true), 1, row(2, 7, false), 1, row(3, 9, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 4), 1));
    }

    @Test
    void sumOverflowsPerResultTypeButIntermediateRetractionsDoNot() {
        Circuit c = circuit(new int[0], AggCall.of(AggKind.SUM, 1, INT));
        step(c, z(row(1, Integer.MAX_VALUE, null), 1));
        assertThatThrownBy(() -> step(c, z(row(2, 1, null), 1)))
                .isInstanceOfSatisfying(CircuitStepException.class, e -> {
                    assertThat(e.code()).isEqualTo(SqlRuntimeException.Code.OVERFLOW);
                    assertThat(e.operatorKind()).isEqualTo("AGGREGATE");
                    assertThat(e.views()).containsExactly("V");
                });
        assertThat(c.isPoisoned()).isFalse();
        assertThat(c.snapshot("V")).as("rolled back").isEqualTo(z(row((long) Integer.MAX_VALUE), 1));
        step(c, z(row(3, -5, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(Integer.MAX_VALUE - 5L), 1));

        Circuit d = circuit(new int[0], AggCall.of(AggKind.SUM, 1, INT));
        step(d, z(row(1, Integer.MAX_VALUE, null), 1, row(2, 1, null), 1, row(3, -5, null), 1));
        assertThat(d.snapshot("V")).isEqualTo(z(row(Integer.MAX_VALUE - 4L), 1));
    }

    @Test
    void singleValueFailsForMoreThanOneRow() {
        Circuit c = circuit(new int[0], AggCall.of(AggKind.SINGLE_VALUE, 1, INT));
        step(c, z(row(1, 4, null), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(4), 1));
        assertThatThrownBy(() -> step(c, z(row(1, 4, null), 1)))
                .isInstanceOfSatisfying(CircuitStepException.class,
                        e -> assertThat(e.code()).isEqualTo(SqlRuntimeException.Code.SINGLE_VALUE));
    }

    @Test
    void boolAndOr() {
        Circuit c = circuit(new int[0], AggCall.of(AggKind.BOOL_AND, 2, SqlType.bool().asNullable()),
                AggCall.of(AggKind.BOOL_OR, 2, SqlType.bool().asNullable()));
        step(c, z(row(1, 1, true), 1, row(1, 1, false), 1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(false, true), 1));
        step(c, z(row(1, 1, false), -1));
        assertThat(c.snapshot("V")).isEqualTo(z(row(true, true), 1));
    }
}
