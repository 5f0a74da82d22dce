package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.List;

/** Per-group state of one aggregate call; accepts weighted inserts (w &gt; 0) and retractions (w &lt; 0). */
public interface Accumulator {
    /** Adds an input row with a (possibly negative) weight; FILTER and NULL skipping are applied here. */
    void add(Row row, long weight);

    /** The current aggregate value (may throw a SqlRuntimeException, e.g. overflow). */
    Object result();

    /**
     * The accumulator's logical state for a checkpoint: a list of parts as in
     * {@link io.pipelinemanager.core.internal.engine.operator.OperatorState} (values, Z-sets, lists), describing
     * what it holds rather than how. The result must not change when the accumulator keeps adding.
     */
    List<Object> captureState();

    /** Loads a state {@link #captureState} returned into this fresh accumulator of the same call. */
    void restoreState(List<?> state);

    /** Entries of state held (for counters). */
    default int stateSize() {
        return 1;
    }
}
