package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.CircuitState;
import io.pipelinemanager.core.internal.engine.operator.OperatorState;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Encodes a {@link CircuitState} in our versioned binary checkpoint format and decodes it for a
 * {@link CircuitDefinition}. Runs off the step thread: {@code circuit.captureState()} on the step thread,
 * then {@link #write} in the background; at restart {@link #read} then
 * {@link CircuitDefinition#instantiate(CircuitState)}.
 *
 * <p>Format version 1: a 12-byte header {@code "PMCS"}, the format version (int), a CRC32C of both; then the
 * body framed by {@link ChunkedOutputStream} (chunks of at most 64 KiB, each with its CRC32C, and an end
 * marker with the total length and CRC32C). Body: the step count; the node count; per node its kind, its
 * total rows in/out and work, and its {@link OperatorState} parts; the number of snapshots; per snapshot its
 * name and Z-set. Integers are varints and values are tagged as in {@link ZSetCodec}. A reader refuses a
 * newer version, and any truncation, flipped byte, trailing byte or shape that does not match the program
 * with {@link CorruptStateException}: a damaged checkpoint is never loaded.
 */
public final class CircuitStateCodec {
    /** The version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = {'P', 'M', 'C', 'S'};
    private static final int HEADER = 12;
    private static final String WHAT = "checkpoint";

    private CircuitStateCodec() {
    }

    /** Writes {@code state} to {@code out} (not closed). May run on any thread. */
    public static void write(CircuitState state, OutputStream out) throws IOException {
        byte[] header = new byte[HEADER];
        System.arraycopy(MAGIC, 0, header, 0, 4);
        ChunkedOutputStream.putInt(header, 4, FORMAT_VERSION);
        ChunkedOutputStream.putInt(header, 8, crc(header, 8));
        out.write(header);
        ChunkedOutputStream chunks = new ChunkedOutputStream(out);
        DataOutputStream data = new DataOutputStream(chunks);
        ZSetCodec.writeVarLong(data, state.steps());
        ZSetCodec.writeVarLong(data, state.nodes().size());
        for (CircuitState.NodeState n : state.nodes()) {
            ZSetCodec.writeString(data, n.kind());
            ZSetCodec.writeVarLong(data, n.totalRowsIn());
            ZSetCodec.writeVarLong(data, n.totalRowsOut());
            ZSetCodec.writeVarLong(data, n.totalWork());
            List<Object> parts = n.state().parts();
            ZSetCodec.writeVarLong(data, parts.size());
            for (Object p : parts) {
                ZSetCodec.writeValue(data, p);
            }
        }
        ZSetCodec.writeVarLong(data, state.snapshots().size());
        for (Map.Entry<String, ZSetView> e : state.snapshots().entrySet()) {
            ZSetCodec.writeString(data, e.getKey());
            ZSetCodec.write(data, e.getValue());
        }
        chunks.finish();
    }

    /**
     * Reads a checkpoint {@link #write} wrote and checks it has the shape of {@code definition}'s circuits.
     * Reads {@code in} to its end (does not close it).
     *
     * @throws CorruptStateException when it is truncated, damaged, written by a newer format version or not
     *         of this program
     */
    public static CircuitState read(CircuitDefinition definition, InputStream in) throws IOException {
        byte[] header = in.readNBytes(HEADER);
        if (header.length < HEADER) {
            throw new CorruptStateException("checkpoint is truncated: " + header.length + " header bytes");
        }
        for (int i = 0; i < 4; i++) {
            if (header[i] != MAGIC[i]) {
                throw new CorruptStateException("not a checkpoint (bad magic bytes)");
            }
        }
        if (crc(header, 8) != ChunkedOutputStream.getInt(header, 8)) {
            throw new CorruptStateException("checkpoint header is corrupt (checksum mismatch)");
        }
        int version = ChunkedOutputStream.getInt(header, 4);
        if (version > FORMAT_VERSION) {
            throw new CorruptStateException("checkpoint written by format version " + version
                    + ", this manager reads up to " + FORMAT_VERSION);
        }
        if (version < 1) {
            throw new CorruptStateException("checkpoint has an invalid format version " + version);
        }
        ChunkedInputStream chunks = new ChunkedInputStream(in, WHAT);
        CircuitState state;
        try {
            state = readBody(new DataInputStream(chunks));
        } catch (EOFException e) {
            throw new CorruptStateException("checkpoint ends before its contents do", e);
        } catch (RuntimeException e) {
            throw new CorruptStateException("checkpoint is malformed: " + e.getMessage(), e);
        }
        if (!chunks.atEnd()) {
            throw new CorruptStateException("checkpoint has unexpected bytes after its contents");
        }
        if (in.read() >= 0) {
            throw new CorruptStateException("checkpoint has bytes after its end marker");
        }
        try {
            definition.checkShape(state);
        } catch (IllegalArgumentException e) {
            throw new CorruptStateException("checkpoint does not match the program: " + e.getMessage(), e);
        }
        return state;
    }

    private static CircuitState readBody(DataInputStream data) throws IOException {
        long steps = ZSetCodec.readVarLong(data);
        int nodeCount = count(data);
        List<CircuitState.NodeState> nodes = new ArrayList<>(Math.min(nodeCount, 4096));
        for (int i = 0; i < nodeCount; i++) {
            String kind = ZSetCodec.readString(data);
            long in = ZSetCodec.readVarLong(data);
            long out = ZSetCodec.readVarLong(data);
            long work = ZSetCodec.readVarLong(data);
            int partCount = count(data);
            List<Object> parts = new ArrayList<>(Math.min(partCount, 64));
            for (int p = 0; p < partCount; p++) {
                parts.add(ZSetCodec.readValue(data));
            }
            nodes.add(new CircuitState.NodeState(kind, OperatorState.of(parts), in, out, work));
        }
        int snapshotCount = count(data);
        Map<String, ZSetView> snapshots = new LinkedHashMap<>();
        for (int i = 0; i < snapshotCount; i++) {
            String name = ZSetCodec.readString(data);
            if (snapshots.put(name, ZSetCodec.read(data)) != null) {
                throw new CorruptStateException("checkpoint holds two snapshots of " + name);
            }
        }
        return new CircuitState(steps, nodes, snapshots);
    }

    private static int count(DataInputStream data) throws IOException {
        long n = ZSetCodec.readVarLong(data);
        if (n < 0 || n > ZSetCodec.MAX_LENGTH) {
            throw new CorruptStateException("checkpoint is corrupt: bad count " + n);
        }
        return (int) n;
    }

    private static int crc(byte[] b, int len) {
        CRC32C c = new CRC32C();
        c.update(b, 0, len);
        return (int) c.getValue();
    }
}
