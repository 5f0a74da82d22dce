package io.pipelinemanager.core.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.ValueChecks;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every engine value representation round-trips exactly; malformed bytes are refused as corrupt. */
class ZSetCodecTest {

    /** Sample values of every Java class the engine uses, edge cases included. */
    static List<Object> samples() {
        return Arrays.asList(null, true, false, 0L, 1L, -1L, 63L, 64L, -65L, Long.MAX_VALUE, Long.MIN_VALUE,
                0, Integer.MIN_VALUE, Integer.MAX_VALUE,
                new BigDecimal("0"), new BigDecimal("12.50"), new BigDecimal("-0.001"), new BigDecimal("1E+30"),
                new BigDecimal(new BigInteger("123456789012345678901234567890123456789"), 7),
                new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE), 2),
                0.0, -0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                1.25f, "", "abc", "zwölf 🚀 雪", "x".repeat(300),
                LocalDate.of(2024, 2, 29), LocalDate.MIN, LocalDate.MAX, LocalDate.of(1969, 12, 31),
                LocalTime.MIDNIGHT, LocalTime.MAX, LocalTime.of(13, 14, 15, 16),
                LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(2026, 11, 30, 7, 30, 1, 999_999_999),
                new byte[0], new byte[] {0, -1, 127, -128},
                // ARRAY values: immutable lists, NULL elements, empty and nested arrays.
                Values.array(Arrays.asList(1L, null, -2L)), Values.array(List.of()),
                Values.array(List.of(Values.array(Arrays.asList("a", null)), Values.array(List.of("")))),
                // ROW values: a row of NULLs, nested rows, maps and arrays inside.
                RowValue.of(1L, "x"), RowValue.of(null, null), RowValue.of(RowValue.of(new BigDecimal("2.50")),
                        Values.array(List.of(RowValue.of(3L))), MapValue.of(List.of("k"), List.of(4L))),
                // MAP values: empty, NULL values, nested arrays and rows as values.
                MapValue.of(List.of("b", "a"), Arrays.asList(null, 1L)), MapValue.of(List.of(), List.of()),
                MapValue.of(List.of("z"), List.of(Values.array(List.of(RowValue.of("q"))))),
                // VARIANT values: JSON null, scalars, nested arrays and objects.
                Variant.JSON_NULL, Variant.of("zwölf"), Variant.of(new BigDecimal("1.50")), Variant.TRUE,
                Variant.object(Map.of("b", Variant.array(List.of(Variant.FALSE, Variant.JSON_NULL)), "aa",
                        Variant.object(Map.of()), "a", Variant.of(new BigDecimal("-1E+400")))),
                Variant.array(List.of()));
    }

    @Test
    void variantsRoundTripWithNumbersAsWrittenAndBadKindsAreCorrupt() throws IOException {
        Variant v = Variant.object(Map.of("n", Variant.of(new BigDecimal("2.50")),
                "deep", Variant.array(List.of(Variant.array(List.of(Variant.of("é")))))));
        ZSet z = ZSet.ofRows(Rows.of(1L, v), Rows.of(2L, Variant.JSON_NULL), Rows.of(3L, null));
        ZSet back = ZSetCodec.decodeDeltas(ZSetCodec.encodeDeltas(Map.of("t", z))).get("t");
        assertThat(back).isEqualTo(z);
        Variant decoded = (Variant) back.toMap().keySet().stream().filter(r -> r.get(0).equals(1L)).findFirst()
                .orElseThrow().get(1);
        assertThat(decoded.toString()).isEqualTo("{\"n\":2.50,\"deep\":[[\"é\"]]}");
        // a VARIANT tag followed by an unknown kind, and an object whose key repeats
        assertThatThrownBy(() -> ZSetCodec.readValue(new DataInputStream(new ByteArrayInputStream(
                new byte[] {ZSetCodec.VARIANT, 9})))).isInstanceOf(CorruptStateException.class);
        byte[] dup = {ZSetCodec.VARIANT, 5, 2, 1, 'a', 0, 1, 'a', 0};
        assertThatThrownBy(() -> ZSetCodec.readValue(new DataInputStream(new ByteArrayInputStream(dup))))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("duplicate");
    }

    @Test
    void everyValueRoundTripsWithItsClassAndExactRepresentation() throws IOException {
        for (Object v : samples()) {
            Object back = roundTrip(v);
            if (v == null) {
                assertThat(back).isNull();
                continue;
            }
            assertThat(back).as("class of %s", v).isInstanceOf(v.getClass());
            if (v instanceof byte[] b) {
                assertThat((byte[]) back).isEqualTo(b);
            } else if (v instanceof Double d) {
                assertThat(Double.doubleToRawLongBits((Double) back)).as("bits of %s", v).isEqualTo(Double.doubleToRawLongBits(d));
            } else if (v instanceof BigDecimal d) {
                assertThat(((BigDecimal) back).scale()).as("scale of %s", v).isEqualTo(d.scale());
                assertThat(back).isEqualTo(v);
            } else {
                assertThat(back).isEqualTo(v);
            }
        }
    }

    @Test
    void everyTypeKindsRepresentationIsCovered() throws IOException {
        for (TypeKind k : TypeKind.values()) {
            Class<?> c = ValueChecks.javaClass(k);
            if (c == null) {
                continue;
            }
            Object sample = samples().stream().filter(c::isInstance).findFirst().orElseThrow();
            SqlType type = switch (k) {
                case ARRAY -> SqlType.array(SqlType.bigint());
                case ROW -> SqlType.row(List.of("a", "b"), List.of(SqlType.bigint(), SqlType.varchar(-1)));
                case MAP -> SqlType.map(SqlType.varchar(-1), SqlType.bigint());
                default -> SqlType.of(k);
            };
            assertThat(ValueChecks.problem(sample, type)).as("sample of %s", k).isNull();
            assertThat(roundTrip(sample)).isInstanceOf(c);
        }
    }

    @Test
    void zsetsAndDeltaBatchesRoundTrip() throws IOException {
        ZSetBuilder b = new ZSetBuilder();
        b.add(Rows.of(1L, "a", null), 3);
        b.add(Rows.of(2L, "b", new BigDecimal("1.10")), -2);
        b.add(Rows.of(), 1);
        ZSet z = b.build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZSetCodec.write(new DataOutputStream(bytes), z);
        assertThat(ZSetCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).isEqualTo(z);

        Map<String, ZSet> deltas = new LinkedHashMap<>();
        deltas.put("orders", z);
        deltas.put("empty", ZSet.empty());
        byte[] payload = ZSetCodec.encodeDeltas(deltas);
        assertThat(ZSetCodec.decodeDeltas(payload)).containsExactlyEntriesOf(deltas);
    }

    @Test
    void arrayValuesInTableDataRoundTripAsEqualImmutableArrays() throws IOException {
        List<Object> array = Values.array(Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-2.00")));
        ZSet z = ZSet.ofRows(Rows.of(1L, array), Rows.of(2L, Values.array(List.of())), Rows.of(3L, null));
        ZSet back = ZSetCodec.decodeDeltas(ZSetCodec.encodeDeltas(Map.of("t", z))).get("t");
        assertThat(back).isEqualTo(z);
        Object decoded = back.toMap().keySet().stream().filter(r -> r.get(0).equals(1L)).findFirst().orElseThrow().get(1);
        assertThat(decoded).isEqualTo(array);
        assertThat(((BigDecimal) ((List<?>) decoded).get(2)).scale()).isEqualTo(2);
        assertThatThrownBy(() -> ((List<Object>) decoded).add(1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rowAndMapValuesUseTagsOfTheirOwnAndLeaveOlderEncodingsAsTheyWere() throws IOException {
        // Bytes of values that existed before ROW and MAP (a list of a long and NULL): unchanged, so checkpoints
        // and journals written before read as before.
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        ZSetCodec.writeValue(new DataOutputStream(old), Values.array(Arrays.asList(1L, null)));
        assertThat(old.toByteArray()).containsExactly(ZSetCodec.LIST, 2, ZSetCodec.LONG, 2, ZSetCodec.NULL);
        // A ROW is not read back as an array, nor a MAP as anything but a map.
        assertThat(roundTrip(RowValue.of(1L, null))).isInstanceOf(RowValue.class).isNotEqualTo(Values.array(Arrays.asList(1L, null)));
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        ZSetCodec.writeValue(new DataOutputStream(row), RowValue.of(1L, null));
        assertThat(row.toByteArray()).containsExactly(ZSetCodec.ROW_VALUE, 2, ZSetCodec.LONG, 2, ZSetCodec.NULL);
        ByteArrayOutputStream map = new ByteArrayOutputStream();
        ZSetCodec.writeValue(new DataOutputStream(map), MapValue.of(List.of("b", "a"), List.of(2L, 1L)));
        assertThat(map.toByteArray()).containsExactly(ZSetCodec.MAP_VALUE, 2, ZSetCodec.STRING, 1, 'a', ZSetCodec.LONG, 2,
                ZSetCodec.STRING, 1, 'b', ZSetCodec.LONG, 4);
    }

    @Test
    void mapsWithRepeatedOrNullKeysAreRefusedAsCorrupt() {
        byte[] repeated = {ZSetCodec.MAP_VALUE, 2, ZSetCodec.STRING, 1, 'a', ZSetCodec.LONG, 2, ZSetCodec.STRING, 1, 'a',
                ZSetCodec.LONG, 4};
        assertThatThrownBy(() -> ZSetCodec.readValue(new DataInputStream(new ByteArrayInputStream(repeated))))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("duplicate key");
        byte[] nullKey = {ZSetCodec.MAP_VALUE, 1, ZSetCodec.NULL, ZSetCodec.LONG, 2};
        assertThatThrownBy(() -> ZSetCodec.readValue(new DataInputStream(new ByteArrayInputStream(nullKey))))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("NULL key");
    }

    @Test
    void compactForSmallIntegers() {
        ZSetBuilder b = new ZSetBuilder();
        for (long i = 0; i < 1000; i++) {
            b.add(Rows.of(i, i % 7, -i), 1);
        }
        byte[] payload = ZSetCodec.encodeDeltas(Map.of("t", b.build()));
        assertThat(payload.length).as("bytes for 1000 rows of three small BIGINTs").isLessThan(1000 * 12);
    }

    @Test
    void malformedBytesAreCorruptNeverAnotherError() {
        byte[] good = ZSetCodec.encodeDeltas(Map.of("t", ZSet.ofRows(Rows.of(1L, "x"), Rows.of(2L, LocalDate.of(2020, 1, 1)))));
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> ZSetCodec.decodeDeltas(cut)).as("truncated to %d", len)
                    .isInstanceOf(CorruptStateException.class);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> ZSetCodec.decodeDeltas(trailing)).isInstanceOf(CorruptStateException.class);
        // Flipped bytes: the codec has no checksum (the journal frames records), but it never fails otherwise.
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    ZSetCodec.decodeDeltas(bad);
                } catch (CorruptStateException expected) {
                    // refused
                }
            }
        }
        byte[] unknownTag = {1, 1, 't', 1, 2, 1, 99};
        assertThatThrownBy(() -> ZSetCodec.decodeDeltas(unknownTag)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("unknown value tag 99");
        byte[] zeroWeight = {1, 1, 't', 1, 0, 0};
        assertThatThrownBy(() -> ZSetCodec.decodeDeltas(zeroWeight)).hasMessageContaining("zero weight");
        byte[] duplicate = {1, 1, 't', 2, 2, 0, 2, 0};
        assertThatThrownBy(() -> ZSetCodec.decodeDeltas(duplicate)).hasMessageContaining("duplicate row");
    }

    @Test
    void refusesValuesItCannotEncode() {
        ZSet z = ZSet.ofRows(Rows.of(new StringBuilder("x")));
        assertThatThrownBy(() -> ZSetCodec.encodeDeltas(Map.of("t", z))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StringBuilder");
    }

    private static Object roundTrip(Object v) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        ZSetCodec.writeValue(out, v);
        List<Row> rows = new ArrayList<>();
        rows.add(Rows.of(v, v));
        ZSetCodec.writeRow(out, rows.get(0));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Object back = ZSetCodec.readValue(in);
        Row row = ZSetCodec.readRow(in);
        assertThat(in.available()).isZero();
        assertThat(row.size()).isEqualTo(2);
        return back;
    }
}
