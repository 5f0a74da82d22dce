package io.pipelinemanager.core.internal.io.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.Shapes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class JsonChangeEncoderTest {
    private final RelationShape v = Shapes.threeColumns();
    private final JsonChangeEncoder enc = new JsonChangeEncoder(v);

    private static ZSet zset(Object[][] rowsAndWeights) {
        ZSetBuilder b = new ZSetBuilder();
        for (Object[] rw : rowsAndWeights) {
            b.add((Row) rw[0], (Long) rw[1]);
        }
        return b.build();
    }

    private interface Write {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    private static String written(Write w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.to(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void weightsRepeatLinesAndDeletesComeFirst() throws IOException {
        ZSet delta = zset(new Object[][] {
                {Rows.of(1L, "a", new BigDecimal("1.50")), 2L},
                {Rows.of(2L, null, null), -1L}});
        String out = written(o -> enc.writeChanges(delta, o));
        assertThat(out).isEqualTo(
                "{\"delete\":{\"ID\":2,\"NAME\":null,\"AMOUNT\":null}}\n"
                + "{\"insert\":{\"ID\":1,\"NAME\":\"a\",\"AMOUNT\":1.50}}\n"
                + "{\"insert\":{\"ID\":1,\"NAME\":\"a\",\"AMOUNT\":1.50}}\n");
    }

    @Test
    void stepEnvelopeIsOneLineEvenWhenEmpty() throws IOException {
        ZSet delta = ZSet.single(Rows.of(3L, "x\"y", new BigDecimal("0.10")), -2);
        assertThat(written(o -> enc.writeStep(7, delta, o))).isEqualTo(
                "{\"step\":7,\"changes\":[{\"delete\":{\"ID\":3,\"NAME\":\"x\\\"y\",\"AMOUNT\":0.10}},"
                + "{\"delete\":{\"ID\":3,\"NAME\":\"x\\\"y\",\"AMOUNT\":0.10}}]}\n");
        assertThat(written(o -> enc.writeStep(8, ZSet.empty(), o))).isEqualTo("{\"step\":8,\"changes\":[]}\n");
    }

    @Test
    void snapshotAndRowsRequirePositiveWeights() throws IOException {
        ZSet contents = ZSet.single(Rows.of(1L, "a", null), 2);
        assertThat(written(o -> enc.writeSnapshot(0, contents, o))).isEqualTo(
                "{\"step\":0,\"snapshot\":true,\"changes\":[{\"insert\":{\"ID\":1,\"NAME\":\"a\",\"AMOUNT\":null}},"
                + "{\"insert\":{\"ID\":1,\"NAME\":\"a\",\"AMOUNT\":null}}]}\n");
        assertThat(written(o -> enc.writeRows(contents, o))).isEqualTo(
                "{\"ID\":1,\"NAME\":\"a\",\"AMOUNT\":null}\n{\"ID\":1,\"NAME\":\"a\",\"AMOUNT\":null}\n");
        ZSet negative = ZSet.single(Rows.of(1L, "a", null), -1);
        assertThatThrownBy(() -> enc.writeSnapshot(0, negative, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative weight -1");
        assertThatThrownBy(() -> enc.writeRows(negative, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueFormattingPerType() throws IOException {
        JsonChangeEncoder all = new JsonChangeEncoder(Shapes.allTypes());
        Row r = Rows.of(1L, true, -128L, 2L, 3L, Long.MIN_VALUE, new BigDecimal("1E+2").setScale(2), (double) 0.1f,
                Double.NaN, "ab ", "é\n", LocalDate.of(2024, 2, 29), LocalTime.of(23, 59),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000), 86_400_000L, -14L);
        assertThat(written(o -> all.writeChanges(ZSet.single(r, 1), o))).isEqualTo(
                "{\"insert\":{\"K\":1,\"B\":true,\"TI\":-128,\"SI\":2,\"I\":3,\"BI\":-9223372036854775808,\"DEC\":100.00,"
                + "\"R\":0.1,\"D\":\"NaN\",\"C\":\"ab \",\"VC\":\"é\\n\",\"DT\":\"2024-02-29\",\"TM\":\"23:59:00\","
                + "\"TS\":\"2024-01-02 03:04:05.678\",\"IDT\":86400000,\"IYM\":-14}}\n");
        Row inf = Rows.of(1L, null, null, null, null, null, null, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                null, null, null, null, null, null, null);
        assertThat(written(o -> all.writeRows(ZSet.single(inf, 1), o)))
                .contains("\"R\":\"Infinity\",\"D\":\"-Infinity\"").contains("\"B\":null");
    }

    @Test
    void decimalsKeepScaleAndAreNeverInExponentForm() throws IOException {
        ZSet z = ZSet.single(Rows.of(1L, null, new BigDecimal("1.2E-7")), 1);
        assertThat(written(o -> enc.writeRows(z, o))).contains("\"AMOUNT\":0.00000012}");
    }
}
