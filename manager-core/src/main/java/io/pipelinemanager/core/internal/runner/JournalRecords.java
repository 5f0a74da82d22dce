package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.internal.checkpoint.CorruptStateException;
import io.pipelinemanager.core.internal.checkpoint.ZSetCodec;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.Row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The payloads of a pipeline's input journal (the {@link io.pipelinemanager.core.internal.checkpoint.Journal}
 * frames and checksums them). Each starts with its format version and kind:
 * <ul>
 *   <li>{@code INPUT}: one accepted ingress request — the table and its changes in arrival order (inserts,
 *       deletes, updates by key; rows in our own value encoding);</li>
 *   <li>{@code STEP}: step {@code step} applied exactly the inputs with these sequence numbers, in this order
 *       (runs of consecutive numbers as ranges; written before that step's outputs are published, so a replay
 *       regroups the same requests into the same steps, in the same order);</li>
 *   <li>{@code DISCARD}: a failed step dropped the inputs with these sequence numbers.</li>
 * </ul>
 * Inputs are journaled concurrently (their sequence order need not be the order steps take them in), so a
 * step names its inputs instead of a position.
 */
final class JournalRecords {

    /** The version of this payload format; a reader refuses a newer one. */
    static final int VERSION = 1;

    static final int INPUT = 1;
    static final int STEP = 2;
    static final int DISCARD = 3;

    private JournalRecords() {
    }

    /** A decoded record: an input ({@code table}, {@code changes}) or a step boundary ({@code step}, {@code inputs}). */
    record Decoded(int kind, String table, TableChanges changes, long step, long[] inputs) {
    }

    static byte[] input(String table, TableChanges changes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + changes.size() * 32);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(VERSION);
        out.writeByte(INPUT);
        out.writeUTF(table);
        out.writeInt(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            TableChanges.Kind kind = changes.kind(i);
            out.writeByte(kind.ordinal());
            ZSetCodec.writeVarLong(out, changes.count(i));
            Row row = changes.row(i);
            ZSetCodec.writeRow(out, row);
            if (kind == TableChanges.Kind.UPDATE) {
                for (int c = 0; c < row.size(); c++) {
                    out.writeBoolean(changes.present(i, c));
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static TableChanges readChanges(long sequence, DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new CorruptStateException("journal record " + sequence + " has " + n + " changes");
        }
        TableChanges.Builder b = new TableChanges.Builder();
        TableChanges.Kind[] kinds = TableChanges.Kind.values();
        for (int i = 0; i < n; i++) {
            int kind = in.readUnsignedByte();
            long count = ZSetCodec.readVarLong(in);
            if (kind >= kinds.length || count < 1) {
                throw new CorruptStateException("journal record " + sequence + " has a bad change " + i);
            }
            Row row = ZSetCodec.readRow(in);
            boolean[] present = null;
            if (kinds[kind] == TableChanges.Kind.UPDATE) {
                present = new boolean[row.size()];
                for (int c = 0; c < present.length; c++) {
                    present[c] = in.readBoolean();
                }
            }
            for (long k = 0; k < count; k++) {
                switch (kinds[kind]) {
                    case INSERT -> b.insert(row);
                    case DELETE -> b.delete(row);
                    case UPDATE -> b.update(row, k == 0 ? present : present.clone());
                }
            }
        }
        return b.build();
    }

    /** A step boundary: step {@code step} applied (or dropped) the inputs with sequences {@code inputs}. */
    static byte[] boundary(int kind, long step, long[] inputs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(VERSION);
        out.writeByte(kind);
        out.writeLong(step);
        List<long[]> ranges = new ArrayList<>();
        for (long sequence : inputs) {
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && sequence == last[1] + 1) {
                last[1] = sequence;
            } else {
                ranges.add(new long[] {sequence, sequence});
            }
        }
        out.writeInt(ranges.size());
        for (long[] range : ranges) {
            out.writeLong(range[0]);
            out.writeLong(range[1] - range[0]);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** Decodes a payload; the input's rows are read with the types of its table in {@code definition}. */
    static Decoded decode(long sequence, byte[] payload, CircuitDefinition definition) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new CorruptStateException("journal record " + sequence + " has format version " + version
                    + "; this manager reads version " + VERSION);
        }
        int kind = in.readUnsignedByte();
        switch (kind) {
            case INPUT -> {
                String table = in.readUTF();
                if (!definition.tableNames().contains(table)) {
                    throw new CorruptStateException("journal record " + sequence + " is input for table '" + table
                            + "', which the program does not have");
                }
                return new Decoded(INPUT, table, readChanges(sequence, in), 0, null);
            }
            case STEP, DISCARD -> {
                long step = in.readLong();
                int ranges = in.readInt();
                long[] inputs = new long[0];
                int n = 0;
                for (int r = 0; r < ranges; r++) {
                    long first = in.readLong();
                    long extra = in.readLong();
                    if (ranges < 0 || extra < 0 || extra > payload.length * 1024L) {
                        throw new CorruptStateException("journal record " + sequence + " has a bad range");
                    }
                    if (n + extra + 1 > inputs.length) {
                        inputs = Arrays.copyOf(inputs, (int) Math.max(inputs.length * 2L, n + extra + 1));
                    }
                    for (long s = first; s <= first + extra; s++) {
                        inputs[n++] = s;
                    }
                }
                return new Decoded(kind, null, null, step, Arrays.copyOf(inputs, n));
            }
            default -> throw new CorruptStateException("journal record " + sequence + " has unknown kind " + kind);
        }
    }
}
