package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

/**
 * A cheap estimate of the bytes a delta takes as NDJSON changes (and, roughly, on the heap while
 * queued): one {@code {"insert": {...}}} per unit of weight, each value with an allowance for its
 * column name. It reads every value once and encodes nothing.
 */
final class ChangeSizes {

    /** Allowance per column for its quoted name, colon and comma. */
    static final int PER_COLUMN = 16;
    /** Allowance per change for {@code {"insert":{...}},}. */
    static final int PER_CHANGE = 16;

    private ChangeSizes() {
    }

    /** The estimated encoded size of {@code delta}. */
    static long estimate(ZSet delta) {
        long bytes = 0;
        for (int i = 0; i < delta.size(); i++) {
            Row row = delta.row(i);
            long rowBytes = PER_CHANGE;
            for (int c = 0; c < row.size(); c++) {
                rowBytes += PER_COLUMN + valueBytes(row.get(c));
            }
            bytes += rowBytes * Math.abs(delta.weightAt(i));
        }
        return bytes;
    }

    /** The estimated encoded size of a request's {@code changes} (inserts, deletes and updates, each per count). */
    static long estimate(TableChanges changes) {
        long bytes = 0;
        for (int i = 0; i < changes.size(); i++) {
            Row row = changes.row(i);
            long rowBytes = PER_CHANGE;
            for (int c = 0; c < row.size(); c++) {
                rowBytes += PER_COLUMN + valueBytes(row.get(c));
            }
            bytes += rowBytes * changes.count(i);
        }
        return bytes;
    }

    private static long valueBytes(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence s) {
            return s.length() + 2L;
        }
        if (value instanceof byte[] b) {
            return b.length * 2L + 2;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return 12;
        }
        if (value instanceof Variant v) {
            return v.jsonLength();
        }
        return 32;
    }
}
