package io.pipelinemanager.core.internal.engine.operator;

import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.OperatorCounters;
import io.pipelinemanager.core.internal.engine.T;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowOperatorTest {
    /** T(p, v): per partition p ordered by v. */
    private static Circuit circuit(List<WindowCall> calls) {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(2));
        b.output("V", b.window(t, new int[] {0}, List.of(SortKey.asc(1)), calls), true);
        return b.build().instantiate();
    }

    @Test
    void rankingFunctionsWithTies() {
        Circuit c = circuit(List.of(WindowCall.ranking(WindowCall.Kind.ROW_NUMBER), WindowCall.ranking(WindowCall.Kind.RANK),
                WindowCall.ranking(WindowCall.Kind.DENSE_RANK)));
        c.step(Map.of("T", z(row(1, 10), 1, row(1, 20), 2, row(1, 30), 1, row(2, 5), 1)));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, 1, 1, 1), 1, row(1, 20, 2, 2, 2), 1, row(1, 20, 3, 2, 2), 1,
                row(1, 30, 4, 4, 3), 1, row(2, 5, 1, 1, 1), 1));
        ZSet out = c.step(Map.of("T", z(row(1, 10), -1))).get("V");
        assertThat(out.weight(row(2, 5, 1, 1, 1))).isZero();
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 20, 1, 1, 1), 1, row(1, 20, 2, 1, 1), 1, row(1, 30, 3, 3, 2), 1,
                row(2, 5, 1, 1, 1), 1));
    }

    @Test
    void runningSumIncludesPeersAndSlidingMinRetracts() {
        Circuit c = circuit(List.of(
                WindowCall.aggregate(AggCall.of(AggKind.SUM, 1, INT), WindowFrame.runningRange()),
                WindowCall.aggregate(AggCall.of(AggKind.MIN, 1, INT), WindowFrame.rowsBetween(1, 0)),
                WindowCall.aggregate(AggCall.countStar(), WindowFrame.wholePartition())));
        c.step(Map.of("T", z(row(1, 3), 1, row(1, 1), 1, row(1, 2), 2, row(1, null), 1)));
        // order: 1, 2, 2, 3, NULL (NULLS LAST)
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 1, 1, 1, 5), 1, row(1, 2, 5, 1, 5), 1, row(1, 2, 5, 2, 5), 1,
                row(1, 3, 8, 2, 5), 1, row(1, null, 8, 3, 5), 1));
    }

    @Test
    void lagLeadFirstAndLastValue() {
        Circuit c = circuit(List.of(WindowCall.lagLead(WindowCall.Kind.LAG, 1, 1, -1),
                WindowCall.lagLead(WindowCall.Kind.LEAD, 1, 2, 0),
                WindowCall.boundaryValue(WindowCall.Kind.FIRST_VALUE, 1, WindowFrame.rowsBetween(1, 0)),
                WindowCall.boundaryValue(WindowCall.Kind.LAST_VALUE, 1, WindowFrame.runningRange())));
        c.step(Map.of("T", z(row(1, 10), 1, row(1, 20), 1, row(1, 30), 1)));
        assertThat(c.snapshot("V")).isEqualTo(z(row(1, 10, null, 30, 10, 10), 1, row(1, 20, 10, 1, 10, 20), 1,
                row(1, 30, 20, 1, 20, 30), 1));
    }

    @Test
    void onlyTouchedPartitionsAreRecomputed() {
        Circuit c = circuit(List.of(WindowCall.ranking(WindowCall.Kind.ROW_NUMBER)));
        var rows = new io.pipelinemanager.core.internal.engine.zset.ZSetBuilder();
        for (int p = 0; p < 1000; p++) {
            for (int v = 0; v < 3; v++) {
                rows.add(row(p, v), 1);
            }
        }
        c.step(Map.of("T", rows.build()));
        ZSet out = c.step(Map.of("T", z(row(7, -1), 1))).get("V");
        assertThat(out.size()).isEqualTo(7);
        OperatorCounters w = c.counters().stream().filter(k -> k.kind().equals("WINDOW")).findFirst().orElseThrow();
        assertThat(w.lastWork()).isLessThanOrEqualTo(5);
    }
}
