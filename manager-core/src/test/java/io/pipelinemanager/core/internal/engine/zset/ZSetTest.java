package io.pipelinemanager.core.internal.engine.zset;

import static io.pipelinemanager.core.internal.engine.T.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.T;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ZSetTest {
    @Test
    void consolidatesEqualRowsAndDropsZeros() {
        ZSet z = T.z(row(1, "a"), 2, row(1, "a"), -2, row(2, null), 1, row(2, null), 2);
        assertThat(z.size()).isEqualTo(1);
        assertThat(z.weight(row(2, null))).isEqualTo(3);
        assertThat(z.weight(row(1, "a"))).isZero();
    }

    @Test
    void plusAndNegate() {
        ZSet a = T.z(row(1), 1, row(2), 1);
        ZSet b = T.z(row(2), -1, row(3), 4);
        assertThat(a.plus(b)).isEqualTo(T.z(row(1), 1, row(3), 4));
        assertThat(a.plus(a.negate()).isEmpty()).isTrue();
    }

    @Test
    void rowEqualityIsByValueForDecimalsAndNegativeZero() {
        assertThat(Rows.of(new BigDecimal("1.0"))).isEqualTo(Rows.of(new BigDecimal("1.00")));
        assertThat(Rows.of(new BigDecimal("1.0")).hashCode()).isEqualTo(Rows.of(new BigDecimal("1.00")).hashCode());
        assertThat(Rows.of(-0.0)).isEqualTo(Rows.of(0.0));
        assertThat(Rows.of(-0.0).hashCode()).isEqualTo(Rows.of(0.0).hashCode());
        assertThat(Rows.of((Object) null)).isEqualTo(Rows.of((Object) null));
    }

    @Test
    void indexedZSetTracksGroupsAndSize() {
        IndexedZSet t = new IndexedZSet();
        t.add(row(1), row(1, "a"), 1);
        t.add(row(1), row(1, "b"), 2);
        t.add(row(2), row(2, "c"), 1);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.groupSize(row(1))).isEqualTo(2);
        t.add(row(1), row(1, "b"), -2);
        t.add(row(2), row(2, "c"), -1);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.keyCount()).isEqualTo(1);
        assertThat(t.probe(row(2))).isNull();
    }
}
