package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.RowSizes;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.function.LongConsumer;

/**
 * Accumulates the parsed rows of one request, counting records and enforcing the record limit; the
 * estimated size of every row is charged (to the pipeline's input budget) before the row is kept.
 */
final class RowCollector {
    private final String table;
    private final long maxRecords;
    private final ZSetBuilder rows = new ZSetBuilder();
    private final LongConsumer charge;
    private long records;

    RowCollector(String table, long maxRecords) {
        this(table, maxRecords, bytes -> { });
    }

    RowCollector(String table, long maxRecords, LongConsumer charge) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords must be >= 0");
        }
        this.table = table;
        this.maxRecords = maxRecords;
        this.charge = charge;
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
        charge.accept(RowSizes.estimate(values));
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
