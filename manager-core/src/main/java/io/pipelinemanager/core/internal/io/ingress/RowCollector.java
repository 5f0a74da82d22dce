package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;

/** Accumulates the parsed rows of one request, counting records and enforcing the record limit. */
final class RowCollector {
    private final String table;
    private final long maxRecords;
    private final ZSetBuilder rows = new ZSetBuilder();
    private long records;

    RowCollector(String table, long maxRecords) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords must be >= 0");
        }
        this.table = table;
        this.maxRecords = maxRecords;
    }

    /** Starts the next record and returns its 1-based number; throws BackPressure past the limit. */
    long begin() {
        if (records >= maxRecords) {
            throw IngressErrors.tooManyRecords(table, maxRecords);
        }
        return ++records;
    }

    /** Adds a fully checked row with weight +1 (insert) or -1 (delete); the array is taken over. */
    void add(Object[] values, long weight) {
        rows.add(new ArrayRow(values), weight);
    }

    /** Number of records begun so far. */
    long records() {
        return records;
    }

    /** The consolidated result. */
    ZSet build() {
        return rows.build();
    }
}
