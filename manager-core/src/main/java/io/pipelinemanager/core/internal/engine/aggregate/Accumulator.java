package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.zset.Row;

/** Per-group state of one aggregate call; accepts weighted inserts (w &gt; 0) and retractions (w &lt; 0). */
public interface Accumulator {
    /** Adds an input row with a (possibly negative) weight; FILTER and NULL skipping are applied here. */
    void add(Row row, long weight);

    /** The current aggregate value (may throw a SqlRuntimeException, e.g. overflow). */
    Object result();

    /** Entries of state held (for counters). */
    default int stateSize() {
        return 1;
    }
}
