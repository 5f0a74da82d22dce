package io.pipelinemanager.core.internal.engine.zset;

/** Receives (row, weight) pairs while iterating a Z-set or trace group. */
@FunctionalInterface
public interface WeightedRowConsumer {
    /** Called once per row with its non-zero weight. */
    void accept(Row row, long weight);
}
