package io.pipelinemanager.core.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.CircuitState;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.JoinType;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The checkpoint format detects every corruption and truncation, and refuses newer versions clearly. */
class CircuitStateCodecTest {
    private static final SqlType INT = SqlType.bigint().asNullable();
    private static final SqlType STR = SqlType.varchar(-1).asNullable();

    static CircuitDefinition definition() {
        CircuitBuilder b = new CircuitBuilder();
        Node a = b.input("a", List.of(INT, STR));
        Node c = b.input("c", List.of(INT, INT));
        Node j = b.join(a, c, JoinSpec.equi(JoinType.INNER, new int[] {0}, new int[] {0}));
        b.output("agg", b.aggregate(j, new int[] {1}, List.of(AggCall.countStar(), AggCall.of(AggKind.MIN, 3, INT),
                AggCall.of(AggKind.SUM, 3, INT), AggCall.of(AggKind.COUNT, 3, SqlType.bigint()).withDistinct())), true);
        b.output("dist", b.distinct(b.map(c, List.of(io.pipelinemanager.core.internal.engine.expr.Exprs.ref(1, INT)))), false);
        return b.build();
    }

    static Circuit loaded(CircuitDefinition def) {
        Circuit circuit = def.instantiate();
        circuit.step(Map.of("a", ZSet.ofRows(Rows.of(1L, "x"), Rows.of(2L, "y"), Rows.of(3L, null)),
                "c", ZSet.ofRows(Rows.of(1L, 10L), Rows.of(1L, 11L), Rows.of(2L, 10L))));
        circuit.step(Map.of("c", ZSet.single(Rows.of(1L, 11L), -1)));
        return circuit;
    }

    static byte[] encode(CircuitState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CircuitStateCodec.write(state, out);
        return out.toByteArray();
    }

    @Test
    void roundTripContinuesWhereTheCapturedCircuitWas() throws IOException {
        CircuitDefinition def = definition();
        Circuit original = loaded(def);
        byte[] bytes = encode(original.captureState());
        Circuit restored = def.instantiate(CircuitStateCodec.read(def, new ByteArrayInputStream(bytes)));
        assertThat(restored.steps()).isEqualTo(2);
        assertThat(restored.snapshot("agg")).isEqualTo(original.snapshot("agg"));
        Map<String, ZSet> next = Map.of("c", ZSet.ofRows(Rows.of(3L, 7L), Rows.of(2L, 10L)));
        assertThat(restored.step(next)).isEqualTo(original.step(next));
        assertThat(restored.snapshot("agg")).isEqualTo(original.snapshot("agg"));
    }

    @Test
    void everyFlippedByteIsRefusedAsCorrupt() throws IOException {
        CircuitDefinition def = definition();
        byte[] good = encode(loaded(def).captureState());
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                int at = i;
                assertThatThrownBy(() -> CircuitStateCodec.read(def, new ByteArrayInputStream(bad)))
                        .as("byte %d of %d xor %x", at, good.length, mask).isInstanceOf(CorruptStateException.class);
            }
        }
    }

    @Test
    void everyTruncationIsRefusedAsCorrupt() throws IOException {
        CircuitDefinition def = definition();
        byte[] good = encode(loaded(def).captureState());
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            int at = len;
            assertThatThrownBy(() -> CircuitStateCodec.read(def, new ByteArrayInputStream(cut)))
                    .as("truncated to %d of %d", at, good.length).isInstanceOf(CorruptStateException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> CircuitStateCodec.read(def, new ByteArrayInputStream(longer)))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("after its end marker");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithAClearMessage() throws IOException {
        CircuitDefinition def = definition();
        byte[] bytes = encode(loaded(def).captureState());
        bytes[7] = (byte) (CircuitStateCodec.FORMAT_VERSION + 1);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 8);
        int c = (int) crc.getValue();
        bytes[8] = (byte) (c >>> 24);
        bytes[9] = (byte) (c >>> 16);
        bytes[10] = (byte) (c >>> 8);
        bytes[11] = (byte) c;
        assertThatThrownBy(() -> CircuitStateCodec.read(def, new ByteArrayInputStream(bytes)))
                .isInstanceOf(CorruptStateException.class)
                .hasMessage("checkpoint written by format version 2, this manager reads up to 1");
    }

    @Test
    void aCheckpointOfAnotherProgramIsRefused() throws IOException {
        byte[] bytes = encode(loaded(definition()).captureState());
        CircuitBuilder b = new CircuitBuilder();
        b.output("v", b.distinct(b.input("a", List.of(INT, STR))), true);
        CircuitDefinition other = b.build();
        assertThatThrownBy(() -> CircuitStateCodec.read(other, new ByteArrayInputStream(bytes)))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("does not match the program");
    }

    @Test
    void largeStatesSpanManyChunks() throws IOException {
        CircuitDefinition def = definition();
        Circuit circuit = def.instantiate();
        io.pipelinemanager.core.internal.engine.zset.ZSetBuilder rows = new io.pipelinemanager.core.internal.engine.zset.ZSetBuilder();
        for (long i = 0; i < 20_000; i++) {
            rows.add(Rows.of(i % 500, "value " + i), 1);
        }
        circuit.step(Map.of("a", rows.build()));
        byte[] bytes = encode(circuit.captureState());
        assertThat(bytes.length).isGreaterThan(3 * ChunkedOutputStream.CHUNK);
        CircuitState back = CircuitStateCodec.read(def, new ByteArrayInputStream(bytes));
        assertThat(back.snapshots().get("a").toZSet()).isEqualTo(circuit.snapshot("a"));
        byte[] bad = bytes.clone();
        bad[bytes.length / 2] ^= 4;
        assertThatThrownBy(() -> CircuitStateCodec.read(def, new ByteArrayInputStream(bad)))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("checksum mismatch");
    }
}
