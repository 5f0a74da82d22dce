package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.api.DataFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.io.egress.CsvRowEncoder;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;
import io.pipelinemanager.core.internal.io.ingress.Ingress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ingress → Z-set → egress → ingress gives the same Z-set, for every type and awkward values. */
class RoundTripTest {
    private static final String[] TEXTS = {"", " ", "a,b", "\"hi\"", "x\r\ny", "\n", "é€", "{\"a\"}", "NULL", "  z"};
    private final RelationShape all = Shapes.allTypes();

    private Row randomRow(Random rnd, int k) {
        boolean n = rnd.nextInt(5) == 0;
        double[] doubles = {Double.NaN, Double.POSITIVE_INFINITY, -0.5, 1e-300, Double.MAX_VALUE, rnd.nextGaussian()};
        return Rows.of((long) k,
                n ? null : rnd.nextBoolean(),
                n ? null : (long) (rnd.nextInt(256) - 128),
                n ? null : (long) (short) rnd.nextInt(),
                n ? null : (long) rnd.nextInt(),
                n ? null : rnd.nextLong(),
                n ? null : BigDecimal.valueOf(rnd.nextInt(199_999) - 99_999, 2),
                n ? null : (double) (float) rnd.nextGaussian(),
                n ? null : doubles[rnd.nextInt(doubles.length)],
                n ? null : (TEXTS[rnd.nextInt(TEXTS.length)] + "   ").substring(0, 3),
                n ? null : TEXTS[rnd.nextInt(TEXTS.length)],
                n ? null : LocalDate.ofEpochDay(rnd.nextInt(40_000) - 10_000),
                n ? null : LocalTime.ofNanoOfDay(Math.floorMod(rnd.nextLong(), 86_400_000_000_000L)),
                n ? null : LocalDateTime.of(2000 + rnd.nextInt(50), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                        rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1000) * 1_000_000),
                n ? null : rnd.nextLong(),
                n ? null : (long) rnd.nextInt());
    }

    private ZSet randomZSet(boolean positiveOnly) {
        Random rnd = new Random(42);
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < 500; i++) {
            long w = 1 + rnd.nextInt(3);
            b.add(randomRow(rnd, i), positiveOnly || rnd.nextBoolean() ? w : -w);
        }
        return b.build();
    }

    @Test
    void jsonChangesRoundTrip() throws IOException {
        ZSet z = randomZSet(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonChangeEncoder(all).writeChanges(z, out);
        ZSet back = Ingress.parse(DataFormat.JSON, all, new ByteArrayInputStream(out.toByteArray()), 10_000).toZSet();
        assertThat(back).isEqualTo(z);
    }

    @Test
    void jsonSnapshotRowsRoundTripAsRawRecords() throws IOException {
        ZSet z = randomZSet(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonChangeEncoder(all).writeRows(z, out);
        assertThat(Ingress.parse(DataFormat.JSON, all, new ByteArrayInputStream(out.toByteArray()), 10_000).toZSet()).isEqualTo(z);
    }

    @Test
    void csvRoundTrip() throws IOException {
        ZSet z = randomZSet(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new CsvRowEncoder(all).writeRows(z, w);
        }
        assertThat(Ingress.parse(DataFormat.CSV, all, new ByteArrayInputStream(out.toByteArray()), 10_000).toZSet()).isEqualTo(z);
    }
}
