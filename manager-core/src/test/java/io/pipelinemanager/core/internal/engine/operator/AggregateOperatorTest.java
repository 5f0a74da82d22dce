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
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    /**
     * Groups (a, b, c) whose a is bounded by t's watermark and b by u's (c by nothing), against a model: a step
     * first drops exactly the groups with a or b below its bound (NULL never is), so a change of a group at or
     * above the bounds retracts its old row, while a discarded group's output stays; a rolled-back step brings
     * the groups it dropped back (they are dropped again later), and a restored operator discards alike.
     */
    @Test
    void discardingSettledGroupsDropsExactlyTheGroupsBelowTheBounds() {
        ColumnBound[] bounds = {ColumnBound.watermark("t"), ColumnBound.watermark("u"), null};
        AggCall[] calls = {AggCall.countStar()};
        AggregateOp op = new AggregateOp(new int[] {0, 1, 2}, calls, bounds);
        Random random = new Random(3);
        Map<Row, Long> model = new HashMap<>();
        long wt = 0;
        long wu = 0;
        for (int step = 0; step < 600; step++) {
            boolean rollBack = step % 37 == 36;
            long nextT = wt + (random.nextInt(3) == 0 ? random.nextInt(4) : 0) + (rollBack ? 3 : 0);
            long nextU = wu + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            Map<Row, Long> after = new HashMap<>(model);
            long limitT = nextT;
            long limitU = nextU;
            after.keySet().removeIf(k -> Lateness.isLate(k.get(0), limitT) || Lateness.isLate(k.get(1), limitU));
            Map<Row, Long> kept = new HashMap<>(after);
            ZSetBuilder in = new ZSetBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                Row r;
                long w = 1;
                if (!after.isEmpty() && random.nextInt(3) == 0) {
                    r = new ArrayList<>(after.keySet()).get(random.nextInt(after.size()));
                    w = -1;
                } else {
                    r = row(random.nextInt(8) == 0 ? null : nextT + random.nextInt(5),
                            random.nextInt(8) == 0 ? null : nextU + random.nextInt(5), (long) random.nextInt(3));
                }
                in.add(r, w);
                after.merge(r, w, Long::sum);
                after.remove(r, 0L);
            }
            ZSet input = in.build();
            ZSetBuilder expected = new ZSetBuilder();
            input.forEach((r, w) -> {
                long old = kept.getOrDefault(r, 0L);
                long now = after.getOrDefault(r, 0L);
                if (old != 0) {
                    expected.add(group(r, old), -1);
                }
                if (now != 0) {
                    expected.add(group(r, now), 1);
                }
            });
            UndoLog undo = new UndoLog();
            Work work = new Work(undo);
            work.watermarks(Map.of("t", nextT, "u", nextU));
            ZSet out = op.step(new ZSet[] {input}, work);
            assertThat(out).as("step %d", step).isEqualTo(expected.build());
            assertThat(groups(op)).as("step %d", step).isEqualTo(after);
            if (rollBack) {
                undo.rollback();
                assertThat(groups(op)).as("rolled back step %d", step).isEqualTo(model);
                continue;
            }
            undo.commit();
            model = after;
            wt = nextT;
            wu = nextU;
            if (step % 100 == 99) {
                AggregateOp restored = new AggregateOp(new int[] {0, 1, 2}, calls, bounds);
                restored.restoreState(op.captureState());
                op = restored;
            }
        }
        assertThat(model).isNotEmpty();
    }

    /** The output row of group {@code key} with {@code count} rows. */
    private static Row group(Row key, long count) {
        return row(key.get(0), key.get(1), key.get(2), count);
    }

    /** The aggregate's groups and their row counts, read from its captured state. */
    private static Map<Row, Long> groups(AggregateOp op) {
        Map<Row, Long> out = new HashMap<>();
        op.captureState().zset(1).forEach((r, w) -> out.put(row(r.get(0), r.get(1), r.get(2)), (Long) r.get(3)));
        return out;
    }
}
