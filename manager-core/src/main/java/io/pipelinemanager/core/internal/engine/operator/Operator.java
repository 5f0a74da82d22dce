package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

/** A runtime operator: maps the input deltas of one step to its output delta. */
public interface Operator {
    /** Processes one step; {@code inputs} are consolidated deltas, one per upstream node. */
    ZSet step(ZSet[] inputs, Work work);

    /** Entries currently held in traces and per-group state. */
    default long stateSize() {
        return 0;
    }
}
