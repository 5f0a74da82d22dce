package io.pipelinemanager.core.internal.engine.zset;

/**
 * Read-only access to consolidated (row, weight) entries that never change: a {@link ZSet}, or a frozen
 * snapshot of an operator's integrated state taken by a checkpoint capture. Safe to read from any thread
 * once published (the owner never mutates what a view exposes).
 */
public interface ZSetView {
    /** Number of distinct rows. */
    long entryCount();

    /** Visits every (row, non-zero weight) once, in no particular order. */
    void forEach(WeightedRowConsumer c);

    /** The entries as an immutable Z-set (a copy unless this already is one). */
    default ZSet toZSet() {
        ZSetBuilder b = new ZSetBuilder((int) Math.min(Integer.MAX_VALUE - 8, entryCount()));
        forEach(b::add);
        return b.build();
    }
}
