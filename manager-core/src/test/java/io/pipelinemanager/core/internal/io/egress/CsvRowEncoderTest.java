package io.pipelinemanager.core.internal.io.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.Shapes;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowEncoderTest {
    private final CsvRowEncoder enc = new CsvRowEncoder(Shapes.threeColumns());

    private String rows(ZSet z) throws IOException {
        StringWriter w = new StringWriter();
        enc.writeRows(z, w);
        return w.toString();
    }

    @Test
    void quotingFollowsRfc4180AndDistinguishesNullFromEmpty() throws IOException {
        assertThat(rows(ZSet.single(Rows.of(1L, "a,b", new BigDecimal("1.50")), 1))).isEqualTo("1,\"a,b\",1.50\r\n");
        assertThat(rows(ZSet.single(Rows.of(2L, "say \"hi\"", null), 1))).isEqualTo("2,\"say \"\"hi\"\"\",\r\n");
        assertThat(rows(ZSet.single(Rows.of(3L, "two\r\nlines", null), 1))).isEqualTo("3,\"two\r\nlines\",\r\n");
        assertThat(rows(ZSet.single(Rows.of(4L, "", null), 1))).isEqualTo("4,\"\",\r\n");
        assertThat(rows(ZSet.single(Rows.of(5L, null, null), 1))).isEqualTo("5,,\r\n");
        assertThat(rows(ZSet.single(Rows.of(6L, " plain ", null), 1))).isEqualTo("6, plain ,\r\n");
    }

    @Test
    void weightsRepeatRowsAndNegativeWeightsAreRejected() throws IOException {
        assertThat(rows(ZSet.single(Rows.of(1L, "x", null), 3))).isEqualTo("1,x,\r\n1,x,\r\n1,x,\r\n");
        assertThatThrownBy(() -> rows(ZSet.single(Rows.of(1L, "x", null), -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerAndTemporalText() throws IOException {
        RelationShape s = io.pipelinemanager.core.internal.io.RelationShape.of("S", List.of("when", "a,b"),
                List.of(io.pipelinemanager.core.internal.engine.type.SqlType.timestamp(),
                        io.pipelinemanager.core.internal.engine.type.SqlType.real()));
        CsvRowEncoder e = new CsvRowEncoder(s);
        StringWriter w = new StringWriter();
        e.writeHeader(w);
        e.writeRow(Rows.of(LocalDateTime.of(2024, 5, 6, 7, 8), (double) 2.2f), w);
        assertThat(w.toString()).isEqualTo("when,\"a,b\"\r\n2024-05-06 07:08:00,2.2\r\n");
    }
}
