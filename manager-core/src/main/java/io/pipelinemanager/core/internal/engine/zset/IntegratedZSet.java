package io.pipelinemanager.core.internal.engine.zset;

import io.pipelinemanager.core.internal.engine.type.Values;

/**
 * A mutable, always-consolidated Z-set that integrates deltas over steps (a table's or view's contents, the
 * integral an operator keeps) and whose {@link #snapshot} is cheap: O(shards), not O(rows), so a checkpoint
 * capture does not pause the step thread for the size of the state.
 *
 * <p>Storage: the rows are split by hash into shards; a shard is an open-addressing hash table of three
 * parallel arrays (row, weight, hash) with linear probing and backward-shift deletion, so an entry costs
 * 16 bytes per slot and no objects besides the row itself (a {@code java.util.HashMap} costs a node and a
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
    /** Bytes per slot: a compressed reference, a long weight and an int hash. */
    private static final long SLOT_BYTES = 4 + 8 + 4;
    /** A shard object and its three array headers. */
    private static final long SHARD_BYTES = 24 + 3 * 16;

    /** One open-addressing table; capacity is a power of two, at most 3/4 full. */
    private static final class Shard {
        final Row[] rows;
        final long[] weights;
        final int[] hashes;
        int size;

        Shard(int capacity) {
            rows = new Row[capacity];
            weights = new long[capacity];
            hashes = new int[capacity];
        }

        Shard(Shard s) {
            rows = s.rows.clone();
            weights = s.weights.clone();
            hashes = s.hashes.clone();
            size = s.size;
        }

        /** The slot of {@code row} (hash {@code h}), or the empty slot where it would go (minus one, negated). */
        int find(Row row, int h) {
            int mask = rows.length - 1;
            for (int i = h & mask; ; i = (i + 1) & mask) {
                Row r = rows[i];
                if (r == null) {
                    return -i - 1;
                }
                if (hashes[i] == h && (r == row || r.equals(row))) {
                    return i;
                }
            }
        }

        void forEach(WeightedRowConsumer c) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != null) {
                    c.accept(rows[i], weights[i]);
                }
            }
        }
    }

    private final int[] keyColumns;
    private final Shard[] shards = new Shard[SHARDS];
    private final boolean[] frozen = new boolean[SHARDS];
    private boolean anyFrozen;
    private long size;
    private long slots;
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

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private int hash(Row row) {
        if (keyColumns == null) {
            return mix(row.hashCode());
        }
        int h = 1;
        for (int c : keyColumns) {
            h = 31 * h + Values.hash(row.get(c));
        }
        return mix(h);
    }

    private static int shardOf(int h) {
        return h >>> (32 - SHARD_BITS);
    }

    /** Adds {@code weight} to {@code row}; returns the new weight (0 means the row is gone). */
    public long add(Row row, long weight) {
        if (weight == 0) {
            return weight(row);
        }
        int h = hash(row);
        int s = shardOf(h);
        Shard shard = writable(s);
        int i = shard.find(row, h);
        if (i >= 0) {
            long w = Math.addExact(shard.weights[i], weight);
            if (w == 0) {
                rowBytes -= RowSizes.rowBytes(shard.rows[i]);
                remove(shard, i);
                size--;
            } else {
                shard.weights[i] = w;
            }
            return w;
        }
        if ((shard.size + 1) * 4L > shard.rows.length * 3L) {
            shard = grow(s);
            i = shard.find(row, h);
        }
        i = -i - 1;
        shard.rows[i] = row;
        shard.weights[i] = weight;
        shard.hashes[i] = h;
        shard.size++;
        size++;
        rowBytes += RowSizes.rowBytes(row);
        return weight;
    }

    /** Removes slot {@code i}, shifting back the entries of its probe run that may move (no tombstones). */
    private static void remove(Shard shard, int i) {
        Row[] rows = shard.rows;
        int mask = rows.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; rows[j] != null; j = (j + 1) & mask) {
            int home = shard.hashes[j] & mask;
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                rows[hole] = rows[j];
                shard.weights[hole] = shard.weights[j];
                shard.hashes[hole] = shard.hashes[j];
                hole = j;
            }
        }
        rows[hole] = null;
        shard.weights[hole] = 0;
        shard.hashes[hole] = 0;
        shard.size--;
    }

    private Shard grow(int s) {
        Shard old = shards[s];
        Shard bigger = new Shard(old.rows.length * 2);
        int mask = bigger.rows.length - 1;
        for (int i = 0; i < old.rows.length; i++) {
            Row r = old.rows[i];
            if (r != null) {
                int j = old.hashes[i] & mask;
                while (bigger.rows[j] != null) {
                    j = (j + 1) & mask;
                }
                bigger.rows[j] = r;
                bigger.weights[j] = old.weights[i];
                bigger.hashes[j] = old.hashes[i];
            }
        }
        bigger.size = old.size;
        slots += bigger.rows.length - old.rows.length;
        shards[s] = bigger;
        frozen[s] = false;
        return bigger;
    }

    private Shard writable(int s) {
        Shard shard = shards[s];
        if (shard == null) {
            shard = new Shard(INITIAL);
            slots += INITIAL;
            shards[s] = shard;
            frozen[s] = false;
        } else if (anyFrozen && frozen[s]) {
            shard = new Shard(shard);
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
        Shard shard = shards[shardOf(h)];
        if (shard == null) {
            return 0;
        }
        int i = shard.find(row, h);
        return i < 0 ? 0 : shard.weights[i];
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
        int h = mix(key.hashCode());
        Shard shard = shards[shardOf(h)];
        if (shard == null) {
            return null;
        }
        int mask = shard.rows.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Row r = shard.rows[i];
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
        return slots * SLOT_BYTES + 16 + SHARDS * 5L + shardCount() * SHARD_BYTES;
    }

    /** The estimated bytes of the rows held ({@link RowSizes#rowBytes}), whoever else refers to them. */
    public long rowBytes() {
        return rowBytes;
    }

    private long shardCount() {
        long n = 0;
        for (Shard s : shards) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    /** Visits every (row, weight). Must not be modified during the visit. */
    public void forEach(WeightedRowConsumer c) {
        forEachIn(shards, c);
    }

    private static void forEachIn(Shard[] shards, WeightedRowConsumer c) {
        for (Shard s : shards) {
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
        int[] i = {0};
        forEach((r, w) -> {
            rows[i[0]] = r;
            weights[i[0]++] = w;
        });
        return new ZSet(rows, weights);
    }

    /** The current contents as a view that never changes, in O(shards). */
    public ZSetView snapshot() {
        java.util.Arrays.fill(frozen, true);
        anyFrozen = true;
        Shard[] view = shards.clone();
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
