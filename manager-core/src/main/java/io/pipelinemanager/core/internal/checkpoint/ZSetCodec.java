package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our binary encoding of engine values, rows and Z-sets (no Java serialization), shared by checkpoints and
 * input-journal records. Compact: counts, lengths and integers are (zig-zag) varints, every value carries a
 * one-byte type tag, so every engine representation of every SQL type round-trips exactly (NULL, BOOLEAN,
 * integers and intervals as {@link Long}, {@link Integer}, DECIMAL as {@link BigDecimal} with its scale,
 * REAL/DOUBLE as {@link Double} bit for bit (NaN, -0.0), {@link Float}, CHAR/VARCHAR as UTF-8,
 * {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime} to the nanosecond, {@code byte[]}, ARRAY as a list,
 * ROW as {@link RowValue} and MAP as {@link MapValue}, the last two with tags of their own, VARIANT as
 * its JSON tree with a tag of its own). Checkpoint
 * state adds two structural tags (a nested list and a nested Z-set) that never occur in table data.
 *
 * <p>Decoding refuses malformed input with {@link CorruptStateException} (unknown tag, negative or
 * oversized length, zero weight, duplicate row, truncation); it does not check a checksum itself — frame
 * the bytes (the journal and {@link CircuitStateCodec} do).
 *
 * <p>Example, one journal record = one ingress request (table name → delta):
 * <pre>{@code
 * byte[] payload = ZSetCodec.encodeDeltas(Map.of("orders", delta));
 * journal.append(seq, payload);
 * // at restart:
 * journal.replay(after, (seq, bytes) -> circuit.step(ZSetCodec.decodeDeltas(bytes)));
 * }</pre>
 * or, inside a larger structure, {@code ZSetCodec.write(dataOutput, zset)} / {@code ZSetCodec.read(dataInput)}.
 */
public final class ZSetCodec {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int LONG = 3;
    static final int INT = 4;
    static final int DOUBLE = 5;
    static final int FLOAT = 6;
    static final int DECIMAL = 7;
    static final int BIG_DECIMAL = 8;
    static final int STRING = 9;
    static final int DATE = 10;
    static final int TIME = 11;
    static final int TIMESTAMP = 12;
    static final int BYTES = 13;
    static final int LIST = 14;
    static final int ZSET = 15;
    // Added after format version 1 without a version bump: older writers never produced these tags.
    /** A ROW value: the field count, then each field. */
    static final int ROW_VALUE = 16;
    /** A MAP value: the entry count, then key and value per entry in ascending key order. */
    static final int MAP_VALUE = 17;
    /** A VARIANT (JSON value): see {@link #writeVariant}. */
    static final int VARIANT = 18;

    /** Largest length of a string, byte array, list or row accepted when decoding. */
    static final int MAX_LENGTH = 1 << 28;
    private static final int MAX_NESTING = 32;

    private ZSetCodec() {
    }

    /** Writes a Z-set: its entry count, then (weight, row) per entry. */
    public static void write(DataOutput out, ZSetView z) throws IOException {
        long n = z.entryCount();
        writeVarLong(out, n);
        long[] written = {0};
        try {
            z.forEach((r, w) -> {
                try {
                    writeVarLong(out, zigZag(w));
                    writeRow(out, r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (written[0] != n) {
            throw new IllegalStateException("Z-set view announced " + n + " entries but produced " + written[0]);
        }
    }

    /** Reads a Z-set {@link #write} wrote. */
    public static ZSet read(DataInput in) throws IOException {
        return read(in, 0);
    }

    static ZSet read(DataInput in, int depth) throws IOException {
        long n = readVarLong(in);
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new CorruptStateException("bad Z-set entry count " + n);
        }
        ZSetBuilder b = new ZSetBuilder((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
            long w = unZigZag(readVarLong(in));
            Row r = readRow(in, depth);
            if (w == 0 || b.add(r, w) != w) {
                throw new CorruptStateException(w == 0 ? "zero weight in a Z-set" : "duplicate row in a Z-set");
            }
        }
        return b.build();
    }

    /** Writes a row: its arity, then each value. */
    public static void writeRow(DataOutput out, Row r) throws IOException {
        int n = r.size();
        writeVarLong(out, n);
        for (int i = 0; i < n; i++) {
            writeValue(out, r.get(i));
        }
    }

    /** Reads a row {@link #writeRow} wrote. */
    public static Row readRow(DataInput in) throws IOException {
        return readRow(in, 0);
    }

    private static Row readRow(DataInput in, int depth) throws IOException {
        int n = length(in);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = readValue(in, depth);
        }
        return new ArrayRow(values);
    }

    /**
     * Writes one tagged value: an engine value, or (in checkpoint state) a {@link List} of values or a
     * {@link ZSetView}.
     *
     * @throws IllegalArgumentException for any other Java type
     */
    public static void writeValue(DataOutput out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            writeVarLong(out, zigZag(l));
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof BigDecimal d) {
            BigInteger unscaled = d.unscaledValue();
            if (unscaled.bitLength() < 64) {
                out.writeByte(DECIMAL);
                writeVarLong(out, zigZag(d.scale()));
                writeVarLong(out, zigZag(unscaled.longValue()));
            } else {
                out.writeByte(BIG_DECIMAL);
                writeVarLong(out, zigZag(d.scale()));
                writeBytes(out, unscaled.toByteArray());
            }
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            writeVarLong(out, zigZag(i));
        } else if (v instanceof LocalDate d) {
            out.writeByte(DATE);
            writeVarLong(out, zigZag(d.toEpochDay()));
        } else if (v instanceof LocalTime t) {
            out.writeByte(TIME);
            writeVarLong(out, t.toNanoOfDay());
        } else if (v instanceof LocalDateTime t) {
            out.writeByte(TIMESTAMP);
            writeVarLong(out, zigZag(t.toLocalDate().toEpochDay()));
            writeVarLong(out, t.toLocalTime().toNanoOfDay());
        } else if (v instanceof byte[] bytes) {
            out.writeByte(BYTES);
            writeBytes(out, bytes);
        } else if (v instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            writeVarLong(out, list.size());
            for (Object o : list) {
                writeValue(out, o);
            }
        } else if (v instanceof RowValue r) {
            out.writeByte(ROW_VALUE);
            writeVarLong(out, r.size());
            for (Object o : r.fields()) {
                writeValue(out, o);
            }
        } else if (v instanceof MapValue m) {
            out.writeByte(MAP_VALUE);
            writeVarLong(out, m.size());
            for (int i = 0; i < m.size(); i++) {
                writeValue(out, m.keys().get(i));
                writeValue(out, m.values().get(i));
            }
        } else if (v instanceof ZSetView z) {
            out.writeByte(ZSET);
            write(out, z);
        } else if (v instanceof Variant variant) {
            out.writeByte(VARIANT);
            writeVariant(out, variant);
        } else {
            throw new IllegalArgumentException("no encoding for a value of " + v.getClass().getName());
        }
    }

    /** Reads one value {@link #writeValue} wrote (lists come back unmodifiable, Z-sets as {@link ZSet}). */
    public static Object readValue(DataInput in) throws IOException {
        return readValue(in, 0);
    }

    private static Object readValue(DataInput in, int depth) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL: return null;
            case FALSE: return Boolean.FALSE;
            case TRUE: return Boolean.TRUE;
            case LONG: return unZigZag(readVarLong(in));
            case INT: {
                long v = unZigZag(readVarLong(in));
                if (v != (int) v) {
                    throw new CorruptStateException("INTEGER value out of range");
                }
                return (int) v;
            }
            case DOUBLE: return Double.longBitsToDouble(in.readLong());
            case FLOAT: return Float.intBitsToFloat(in.readInt());
            case DECIMAL: {
                int scale = scale(in);
                return BigDecimal.valueOf(unZigZag(readVarLong(in)), scale);
            }
            case BIG_DECIMAL: {
                int scale = scale(in);
                byte[] unscaled = readBytes(in);
                if (unscaled.length == 0) {
                    throw new CorruptStateException("empty DECIMAL digits");
                }
                return new BigDecimal(new BigInteger(unscaled), scale);
            }
            case STRING: return new String(readBytes(in), StandardCharsets.UTF_8);
            case DATE: return date(unZigZag(readVarLong(in)));
            case TIME: return time(readVarLong(in));
            case TIMESTAMP: {
                LocalDate d = date(unZigZag(readVarLong(in)));
                return LocalDateTime.of(d, time(readVarLong(in)));
            }
            case BYTES: return readBytes(in);
            case LIST: {
                int n = length(in);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in, nested(depth)));
                }
                return Collections.unmodifiableList(list);
            }
            case ROW_VALUE: {
                int n = length(in);
                List<Object> fields = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    fields.add(readValue(in, nested(depth)));
                }
                return RowValue.ofFields(fields);
            }
            case MAP_VALUE: return readMap(in, depth);
            case ZSET: return read(in, nested(depth));
            case VARIANT: return readVariant(in, 0);
            default: throw new CorruptStateException("unknown value tag " + tag);
        }
    }

    private static MapValue readMap(DataInput in, int depth) throws IOException {
        int n = length(in);
        List<Object> keys = new ArrayList<>(Math.min(n, 1024));
        List<Object> values = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            Object key = readValue(in, nested(depth));
            if (key == null) {
                throw new CorruptStateException("NULL key in a MAP value");
            }
            keys.add(key);
            values.add(readValue(in, nested(depth)));
        }
        MapValue map = MapValue.of(keys, values);
        if (map.size() != n) {
            throw new CorruptStateException("duplicate key in a MAP value");
        }
        return map;
    }

    /**
     * A variant after its tag: its kind ({@link Variant.Kind} ordinal), then a string's UTF-8 bytes, a number as
     * a tagged DECIMAL value, a boolean as one byte, an array's length and elements, an object's size and
     * (key bytes, value) pairs in key order.
     */
    private static void writeVariant(DataOutput out, Variant v) throws IOException {
        out.writeByte(v.kind().ordinal());
        switch (v.kind()) {
            case NULL -> { }
            case STRING -> writeBytes(out, v.stringValue().getBytes(StandardCharsets.UTF_8));
            case NUMBER -> writeValue(out, v.numberValue());
            case BOOLEAN -> out.writeByte(v.booleanValue() ? 1 : 0);
            case ARRAY -> {
                writeVarLong(out, v.size());
                for (int i = 0; i < v.size(); i++) {
                    writeVariant(out, v.element(i));
                }
            }
            case OBJECT -> {
                writeVarLong(out, v.size());
                for (int i = 0; i < v.size(); i++) {
                    writeBytes(out, v.key(i).getBytes(StandardCharsets.UTF_8));
                    writeVariant(out, v.value(i));
                }
            }
            default -> throw new IllegalStateException(v.kind().name());
        }
    }

    private static Variant readVariant(DataInput in, int depth) throws IOException {
        if (depth > VariantJson.MAX_DEPTH) {
            throw new CorruptStateException("VARIANT nested deeper than " + VariantJson.MAX_DEPTH);
        }
        int kind = in.readUnsignedByte();
        if (kind >= Variant.Kind.values().length) {
            throw new CorruptStateException("unknown VARIANT kind " + kind);
        }
        switch (Variant.Kind.values()[kind]) {
            case NULL: return Variant.JSON_NULL;
            case STRING: return Variant.of(new String(readBytes(in), StandardCharsets.UTF_8));
            case NUMBER: {
                if (!(readValue(in, MAX_NESTING) instanceof BigDecimal n)) {
                    throw new CorruptStateException("VARIANT number is not a DECIMAL");
                }
                return Variant.of(n);
            }
            case BOOLEAN: return Variant.of(in.readUnsignedByte() != 0);
            case ARRAY: {
                int n = length(in);
                List<Variant> elements = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    elements.add(readVariant(in, depth + 1));
                }
                return Variant.array(elements);
            }
            default: {
                int n = length(in);
                Map<String, Variant> pairs = new HashMap<>(Math.min(n, 1024) * 2);
                for (int i = 0; i < n; i++) {
                    String key = new String(readBytes(in), StandardCharsets.UTF_8);
                    pairs.put(key, readVariant(in, depth + 1));
                }
                if (pairs.size() != n) {
                    throw new CorruptStateException("VARIANT object with a duplicate key");
                }
                return Variant.object(pairs);
            }
        }
    }

    /**
     * Encodes one batch of table changes (table name → consolidated delta), e.g. one journal record: the
     * number of tables, then (name, Z-set) per table.
     */
    public static byte[] encodeDeltas(Map<String, ? extends ZSetView> deltas) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            writeDeltas(out, deltas);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes what {@link #encodeDeltas} encoded; refuses trailing bytes. */
    public static Map<String, ZSet> decodeDeltas(byte[] payload) throws CorruptStateException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        try {
            Map<String, ZSet> deltas = readDeltas(new DataInputStream(bytes));
            if (bytes.available() != 0) {
                throw new CorruptStateException(bytes.available() + " bytes after the encoded changes");
            }
            return deltas;
        } catch (EOFException e) {
            throw new CorruptStateException("encoded changes are truncated");
        } catch (CorruptStateException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new CorruptStateException("malformed encoded changes: " + e, e);
        }
    }

    /** Writes a batch of table changes (see {@link #encodeDeltas}). */
    public static void writeDeltas(DataOutput out, Map<String, ? extends ZSetView> deltas) throws IOException {
        writeVarLong(out, deltas.size());
        for (Map.Entry<String, ? extends ZSetView> e : deltas.entrySet()) {
            writeString(out, e.getKey());
            write(out, e.getValue());
        }
    }

    /** Reads a batch of table changes {@link #writeDeltas} wrote, in order. */
    public static Map<String, ZSet> readDeltas(DataInput in) throws IOException {
        int n = length(in);
        Map<String, ZSet> deltas = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String table = readString(in);
            if (deltas.put(table, read(in)) != null) {
                throw new CorruptStateException("table " + table + " appears twice in encoded changes");
            }
        }
        return deltas;
    }

    /** Writes a UTF-8 string with its length. */
    public static void writeString(DataOutput out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a string {@link #writeString} wrote. */
    public static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /** Writes an unsigned varint (7 bits per byte, least significant first). */
    public static void writeVarLong(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Reads an unsigned varint; refuses one longer than 10 bytes. */
    public static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptStateException("malformed varint");
    }

    static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        writeVarLong(out, bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        byte[] bytes = new byte[length(in)];
        in.readFully(bytes);
        return bytes;
    }

    private static int length(DataInput in) throws IOException {
        long n = readVarLong(in);
        if (n < 0 || n > MAX_LENGTH) {
            throw new CorruptStateException("bad length " + n);
        }
        return (int) n;
    }

    private static int scale(DataInput in) throws IOException {
        long s = unZigZag(readVarLong(in));
        if (s != (int) s) {
            throw new CorruptStateException("DECIMAL scale out of range");
        }
        return (int) s;
    }

    private static LocalDate date(long epochDay) throws CorruptStateException {
        if (epochDay < LocalDate.MIN.toEpochDay() || epochDay > LocalDate.MAX.toEpochDay()) {
            throw new CorruptStateException("DATE out of range");
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    private static LocalTime time(long nanoOfDay) throws CorruptStateException {
        if (nanoOfDay < 0 || nanoOfDay > LocalTime.MAX.toNanoOfDay()) {
            throw new CorruptStateException("TIME out of range");
        }
        return LocalTime.ofNanoOfDay(nanoOfDay);
    }

    private static int nested(int depth) throws CorruptStateException {
        if (depth >= MAX_NESTING) {
            throw new CorruptStateException("values nested too deeply");
        }
        return depth + 1;
    }
}
