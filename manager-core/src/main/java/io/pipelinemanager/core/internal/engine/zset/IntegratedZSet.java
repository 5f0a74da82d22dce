package io.pipelinemanager.core.internal.engine.zset;

import io.pipelinemanager.core.internal.engine.type.Values;

/**
 * A mutable, always-consolidated Z-set that integrates deltas over steps (a table's or view's contents, the
 * integral an operator keeps) and whose {@link #snapshot} is cheap: O(shards), not O(rows), so a checkpoint
 * capture does not pause the step thread for the size of the state.
 *
 * <p>Storage: the rows are split by hash into shards; a shard is a {@link RowTable} (open addressing over
 * three parallel arrays: row, weight, hash), so an entry costs 16 bytes per slot and no objects besides the row
 * itself (a {@code java.util.HashMap} costs a node and a
 * weight cell per entry, about 60 bytes). Shards are copied on the first write after a {@link #snapshot}
 * froze them, like {@link CowShardedMap}.
 *
 * <p>Created with key columns ({@link #IntegratedZSet(int[])}), rows are placed by the hash of those columns
 * only (equality is still the whole row), so the row of a key is found by {@link #findByKey} without a
 * separate key index: the contents of a table with a primary key are its key index.
 */
public final class IntegratedZSet {
    private static final int SHARD_BITS = 10;
    private static final int SHARDS = 1 << SHARD_BITS;
    private static final int INITIAL = 8;
    /** A shard's table object and its three array headers. */
    private static final long SHARD_BYTES = 24 + 3 * 16;

    private final int[] keyColumns;
    private final RowTable[] shards = new RowTable[SHARDS];
    private final boolean[] frozen = new boolean[SHARDS];
    private boolean anyFrozen;
    private long size;
    private long slots;
    private int shardCount;
    /** {@link RowSizes#rowBytes} of the rows held. */
    private long rowBytes;

    /** An empty Z-set whose rows are placed by the hash of the whole row. */
    public IntegratedZSet() {
        this.keyColumns = null;
    }

    /**
     * An empty Z-set whose rows are placed by the hash of the columns {@code keyColumns}, so that
     * {@link #findByKey} finds the rows of a key.
     */
    public IntegratedZSet(int[] keyColumns) {
        this.keyColumns = keyColumns.clone();
    }

    private int hash(Row row) {
        if (keyColumns == null) {
            return RowTable.mix(row.hashCode());
        }
        int h = 1;
        for (int c : keyColumns) {
            h = 31 * h + Values.hash(row.get(c));
        }
        return RowTable.mix(h);
    }

    private static int shardOf(int h) {
        return h >>> (32 - SHARD_BITS);
    }

    /** Adds {@code weight} to {@code row}; returns the new weight (0 means the row is gone). */
    public long add(Row row, long weight) {
        if (weight == 0) {
            return weight(row);
        }
        return addPlaced(row, hash(row), weight);
    }

    /**
     * Adds {@code weight} (non-zero) to {@code row} of a Z-set created with key columns, whose key's hash the
     * caller already computed: {@code keyHash} is the {@code hashCode()} of the row's key columns as a row
     * ({@link Rows#hash} of {@link Rows#project}, what {@link #findByKey} is given), so the row's values are not
     * read to place it. Records the change in {@code undo} (null: not recorded); returns the new weight.
     */
    public long addByKeyHash(Row row, int keyHash, long weight, UndoLog undo) {
        if (keyColumns == null) {
            throw new IllegalStateException("an integrated Z-set without key columns");
        }
        if (weight == 0) {
            throw new IllegalArgumentException("zero weight");
        }
        int h = RowTable.mix(keyHash);
        assert h == hash(row) : "key hash " + keyHash + " is not the hash of the key of " + row;
        long w = addPlaced(row, h, weight);
        if (undo != null) {
            undo.record(UNDO_ADD, this, row, null, weight);
        }
        return w;
    }

    private long addPlaced(Row row, int h, long weight) {
        RowTable shard = writable(shardOf(h));
        int capacity = shard.capacity();
        long w = shard.add(row, h, weight);
        slots += shard.capacity() - capacity;
        if (w == 0) {
            size--;
            rowBytes -= RowSizes.rowBytes(row);
        } else if (w == weight) {
            size++;
            rowBytes += RowSizes.rowBytes(row);
        }
        return w;
    }

    private RowTable writable(int s) {
        RowTable shard = shards[s];
        if (shard == null) {
            shard = new RowTable(INITIAL);
            slots += INITIAL;
            shardCount++;
            shards[s] = shard;
            frozen[s] = false;
        } else if (anyFrozen && frozen[s]) {
            shard = shard.copy();
            shards[s] = shard;
            frozen[s] = false;
        }
        return shard;
    }

    /** Adds like {@link #add(Row, long)} and records the change in {@code undo} (null: not recorded). */
    public long add(Row row, long weight, UndoLog undo) {
        long w = add(row, weight);
        if (undo != null && weight != 0) {
            undo.record(UNDO_ADD, this, row, null, weight);
        }
        return w;
    }

    private static final UndoLog.Undo UNDO_ADD = (t, row, unused, w) -> ((IntegratedZSet) t).add((Row) row, -w);

    /** Adds every entry of {@code z} multiplied by {@code factor}, recording each change in {@code undo} (null: not recorded). */
    public IntegratedZSet addAll(ZSetView z, long factor, UndoLog undo) {
        z.forEach((r, w) -> add(r, Math.multiplyExact(w, factor), undo));
        return this;
    }

    /** Adds every entry of {@code z} multiplied by {@code factor}. */
    public IntegratedZSet addAll(ZSetView z, long factor) {
        z.forEach((r, w) -> add(r, Math.multiplyExact(w, factor)));
        return this;
    }

    /** Current weight of {@code row} (0 if absent). */
    public long weight(Row row) {
        int h = hash(row);
        RowTable shard = shards[shardOf(h)];
        return shard == null ? 0 : shard.weight(row, h);
    }

    /**
     * A row whose key columns (the columns this Z-set was created with) equal {@code key}'s columns, in order, or
     * null; when several rows have the key, any one of them.
     *
     * @throws IllegalStateException when this Z-set was created without key columns
     */
    public Row findByKey(Row key) {
        if (keyColumns == null) {
            throw new IllegalStateException("an integrated Z-set without key columns");
        }
        int h = RowTable.mix(key.hashCode());
        RowTable shard = shards[shardOf(h)];
        if (shard == null) {
            return null;
        }
        Row[] rows = shard.rows;
        int mask = rows.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Row r = rows[i];
            if (r == null) {
                return null;
            }
            if (shard.hashes[i] == h && keyEquals(r, key)) {
                return r;
            }
        }
    }

    private boolean keyEquals(Row row, Row key) {
        for (int k = 0; k < keyColumns.length; k++) {
            if (!Values.equal(row.get(keyColumns[k]), key.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Number of distinct rows. */
    public long size() {
        return size;
    }

    /** True when empty. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The bytes of heap the hash tables take (slots, shard objects and the shard index), not counting the
     * rows they refer to.
     */
    public long tableBytes() {
        return slots * RowTable.SLOT_BYTES + 16 + SHARDS * 5L + shardCount * SHARD_BYTES;
    }

    /** The estimated bytes of the rows held ({@link RowSizes#rowBytes}), whoever else refers to them. */
    public long rowBytes() {
        return rowBytes;
    }

    /** Visits every (row, weight). Must not be modified during the visit. */
    public void forEach(WeightedRowConsumer c) {
        forEachIn(shards, c);
    }

    private static void forEachIn(RowTable[] shards, WeightedRowConsumer c) {
        for (RowTable s : shards) {
            if (s != null) {
                s.forEach(c);
            }
        }
    }

    /** An immutable copy of the current contents (O(rows)). */
    public ZSet build() {
        int n = Math.toIntExact(size);
        if (n == 0) {
            return ZSet.empty();
        }
        Row[] rows = new Row[n];
        long[] weights = new long[n];
        int at = 0;
        for (RowTable s : shards) {
            if (s != null) {
                at = s.copyInto(rows, weights, at);
            }
        }
        return new ZSet(rows, weights);
    }

    /** The current contents as a view that never changes, in O(shards). */
    public ZSetView snapshot() {
        java.util.Arrays.fill(frozen, true);
        anyFrozen = true;
        RowTable[] view = shards.clone();
        long entries = size;
        return new ZSetView() {
            @Override
            public long entryCount() {
                return entries;
            }

            @Override
            public void forEach(WeightedRowConsumer c) {
                forEachIn(view, c);
            }
        };
    }
}
