package io.pipelinemanager.core.internal.engine.operator;

import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.T;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetAndTopKOperatorsTest {
    private static Circuit setOps() {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("A", T.ints(1));
        Node c = b.input("B", T.ints(1));
        b.output("I", b.intersect(List.of(a, c), false), true);
        b.output("IA", b.intersect(List.of(a, c), true), true);
        b.output("E", b.except(List.of(a, c), false), true);
        b.output("EA", b.except(List.of(a, c), true), true);
        return b.build().instantiate();
    }

    @Test
    void setOperationsSetAndAllVariants() {
        Circuit c = setOps();
        c.step(Map.of("A", z(row(1), 3, row(2), 1, row((Object) null), 2), "B", z(row(1), 1, row(3), 1, row((Object) null), 1)));
        assertThat(c.snapshot("I")).isEqualTo(z(row(1), 1, row((Object) null), 1));
        assertThat(c.snapshot("IA")).isEqualTo(z(row(1), 1, row((Object) null), 1));
        assertThat(c.snapshot("E")).isEqualTo(z(row(2), 1));
        assertThat(c.snapshot("EA")).isEqualTo(z(row(1), 2, row(2), 1, row((Object) null), 1));
        c.step(Map.of("B", z(row(1), 2, row(2), 1)));
        assertThat(c.snapshot("I")).isEqualTo(z(row(1), 1, row(2), 1, row((Object) null), 1));
        assertThat(c.snapshot("IA")).isEqualTo(z(row(1), 3, row(2), 1, row((Object) null), 1));
        assertThat(c.snapshot("E").isEmpty()).isTrue();
        assertThat(c.snapshot("EA")).isEqualTo(z(row((Object) null), 1));
        c.step(Map.of("B", z(row(1), -3, row((Object) null), -1)));
        assertThat(c.snapshot("E")).isEqualTo(z(row(1), 1, row((Object) null), 1));
        assertThat(c.snapshot("EA")).isEqualTo(z(row(1), 3, row((Object) null), 2));
    }

    @Test
    void topKWithDeletionsOffsetAndNullOrdering() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", T.ints(2));
        b.output("TOP", b.topK(t, List.of(new SortKey(0, true, false)), 1, 2), true);
        b.output("NF", b.topK(t, List.of(new SortKey(0, false, true)), 0, 1), true);
        Circuit c = b.build().instantiate();
        c.step(Map.of("T", z(row(5, 1), 1, row(4, 1), 1, row(3, 1), 1, row(2, 1), 1, row(null, 1), 1)));
        assertThat(c.snapshot("TOP")).isEqualTo(z(row(4, 1), 1, row(3, 1), 1));
        assertThat(c.snapshot("NF")).isEqualTo(z(row(null, 1), 1));
        var out = c.step(Map.of("T", z(row(4, 1), -1)));
        assertThat(out.get("TOP")).isEqualTo(z(row(4, 1), -1, row(2, 1), 1));
        assertThat(out.get("NF").isEmpty()).isTrue();
        c.step(Map.of("T", z(row(5, 1), -1, row(9, 1), 2)));
        assertThat(c.snapshot("TOP")).isEqualTo(z(row(9, 1), 1, row(3, 1), 1));
        c.step(Map.of("T", z(row(null, 1), -1)));
        assertThat(c.snapshot("NF")).isEqualTo(z(row(2, 1), 1));
        assertThat(c.step(Map.of()).get("TOP").isEmpty()).isTrue();
    }
}
