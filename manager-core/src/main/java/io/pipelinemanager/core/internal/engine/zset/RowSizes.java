package io.pipelinemanager.core.internal.engine.zset;

import io.pipelinemanager.core.internal.engine.type.Variant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Estimates of the heap a row takes once held in a Z-set (64-bit JVM with compressed references): the
 * row object, its value array, the values, a hash-map entry and the weight cell. Estimates, not
 * measurements: they bound buffers in bytes without walking object graphs.
 */
public final class RowSizes {
    /** Row object, array header, map entry, table slot and weight cell. */
    private static final long ROW_BYTES = 24 + 16 + 32 + 8 + 24;

    private RowSizes() {
    }

    /** The estimated bytes of a row with these values. */
    public static long estimate(Object[] values) {
        long bytes = ROW_BYTES + 4L * values.length;
        for (Object v : values) {
            bytes += valueBytes(v);
        }
        return bytes;
    }

    /**
     * The estimated bytes of a row object itself as the engine holds it: an {@link ArrayRow} (object and value
     * array) and its values, without any hash-table entry.
     */
    public static long rowBytes(Row row) {
        int n = row.size();
        long bytes = 24 + align(16 + 4L * n);
        for (int i = 0; i < n; i++) {
            Object v = row.get(i);
            bytes += v instanceof Long l && l >= -128 && l <= 127 ? 0 : valueBytes(v);
        }
        return bytes;
    }

    /** The estimated bytes of one value (0 for values the JVM shares: NULL, booleans). */
    static long valueBytes(Object v) {
        if (v == null || v instanceof Boolean) {
            return 0;
        }
        if (v instanceof String s) {
            // String object + byte array header; Latin-1 strings take a byte per char, others two.
            return 24 + 16 + align(2L * s.length());
        }
        if (v instanceof Long || v instanceof Double) {
            return 24;
        }
        if (v instanceof BigDecimal d) {
            // BigDecimal object; a BigInteger with its int array once the unscaled value passes a long.
            return d.precision() <= 18 ? 40 : 40 + 40 + align(4L * (d.unscaledValue().bitLength() / 32 + 1));
        }
        if (v instanceof LocalDate) {
            return 24;
        }
        if (v instanceof LocalTime) {
            return 24;
        }
        if (v instanceof LocalDateTime) {
            return 24 + 24 + 24;
        }
        if (v instanceof byte[] b) {
            return 16 + align(b.length);
        }
        // Structured values (ARRAY, ROW, MAP, VARIANT) are counted with their elements, the only graphs walked here.
        if (v instanceof java.util.List<?> list) {
            return listBytes(list);
        }
        if (v instanceof io.pipelinemanager.core.internal.engine.type.RowValue r) {
            return 16 + listBytes(r.fields());
        }
        if (v instanceof io.pipelinemanager.core.internal.engine.type.MapValue m) {
            return 24 + listBytes(m.keys()) + listBytes(m.values());
        }
        if (v instanceof Variant variant) {
            return variant.heapBytes();
        }
        return 32;
    }

    /** An unmodifiable list: wrapper, list object, its reference array and the elements. */
    private static long listBytes(java.util.List<?> list) {
        long bytes = 16 + 24 + 16 + align(4L * list.size());
        for (Object e : list) {
            bytes += valueBytes(e);
        }
        return bytes;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
