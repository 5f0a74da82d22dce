package io.pipelinemanager.core.internal.engine.zset;

import java.util.function.BiConsumer;

/**
 * A mutable trace: an integrated Z-set indexed by a key, key → (row → weight). Narrow on
 * purpose (add delta, probe key, iterate, snapshot) so it can later become sorted runs or columnar storage.
 * {@link #snapshot} is O(shards) (see {@link CowShardedMap}), for cheap checkpoint captures.
 */
public final class IndexedZSet {
    private final CowShardedMap<Row, ZSetBuilder> groups = new CowShardedMap<>(ZSetBuilder::copy);
    private long size;

    /** Adds {@code weight} to {@code row} under {@code key}; returns the new weight of that row. */
    public long add(Row key, Row row, long weight) {
        ZSetBuilder g = groups.getForUpdate(key);
        if (g == null) {
            if (weight == 0) {
                return 0;
            }
            g = new ZSetBuilder(1);
            groups.put(key, g);
        }
        int before = g.size();
        long w = g.add(row, weight);
        size += g.size() - before;
        if (g.isEmpty()) {
            groups.remove(key);
        }
        return w;
    }

    /** Adds like {@link #add(Row, Row, long)} and records the change in {@code undo} (null: not recorded). */
    public long add(Row key, Row row, long weight, UndoLog undo) {
        long w = add(key, row, weight);
        if (undo != null && weight != 0) {
            undo.record(UNDO_ADD, this, key, row, weight);
        }
        return w;
    }

    private static final UndoLog.Undo UNDO_ADD = (t, key, row, w) -> ((IndexedZSet) t).add((Row) key, (Row) row, -w);

    /** The group of {@code key}, or null when empty. Callers must not modify it. */
    public ZSetBuilder probe(Row key) {
        return groups.get(key);
    }

    /** Number of distinct rows in the group of {@code key}. */
    public int groupSize(Row key) {
        ZSetBuilder g = groups.get(key);
        return g == null ? 0 : g.size();
    }

    /** Visits every (key, group); groups must not be modified. */
    public void forEachGroup(BiConsumer<Row, ZSetBuilder> c) {
        groups.forEach(c);
    }

    /** Number of keys with a non-empty group. */
    public long keyCount() {
        return groups.size();
    }

    /** Number of distinct (key, row) entries. */
    public long size() {
        return size;
    }

    /**
     * The rows of every group with their weights, as a view that never changes, in O(shards). Keys are not
     * part of it: every user of a trace derives a row's key from the row, and restores by re-adding rows.
     */
    public ZSetView snapshot() {
        CowShardedMap.Frozen<Row, ZSetBuilder> frozen = groups.freeze();
        long entries = size;
        return new ZSetView() {
            @Override
            public long entryCount() {
                return entries;
            }

            @Override
            public void forEach(WeightedRowConsumer c) {
                frozen.forEach((k, g) -> g.forEach(c));
            }
        };
    }
}
