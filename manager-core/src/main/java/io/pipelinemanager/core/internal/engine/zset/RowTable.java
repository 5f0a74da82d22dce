package io.pipelinemanager.core.internal.engine.zset;

/**
 * An open-addressing hash table row → weight of three parallel arrays (row, weight, hash) with linear probing
 * and backward-shift deletion (no tombstones), at most 3/4 full: an entry costs 16 bytes per slot and no objects
 * besides the row. The caller supplies each row's hash ({@link #mix}ed), so a table may place rows by the hash of
 * some columns only; equality is always the whole row. The storage of {@link ZSetBuilder} and of each shard of
 * {@link IntegratedZSet}.
 */
final class RowTable {
    /** Bytes per slot: a compressed reference, a long weight and an int hash. */
    static final long SLOT_BYTES = 4 + 8 + 4;

    Row[] rows;
    long[] weights;
    int[] hashes;
    int size;

    /** An empty table of {@code capacity} slots (a power of two). */
    RowTable(int capacity) {
        allocate(capacity);
    }

    /** An empty table sized for about {@code expected} rows. */
    static RowTable forExpected(int expected) {
        int capacity = 2;
        while (capacity * 3L < expected * 4L && capacity < (1 << 30)) {
            capacity <<= 1;
        }
        return new RowTable(capacity);
    }

    /** A copy (rows shared, arrays not). */
    RowTable copy() {
        RowTable c = new RowTable(1);
        c.rows = rows.clone();
        c.weights = weights.clone();
        c.hashes = hashes.clone();
        c.size = size;
        return c;
    }

    private void allocate(int capacity) {
        rows = new Row[capacity];
        weights = new long[capacity];
        hashes = new int[capacity];
    }

    /** Spreads a hash code over all bits (murmur3's finaliser). */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    int capacity() {
        return rows.length;
    }

    /** The slot of {@code row} (mixed hash {@code h}), or minus one minus the empty slot where it would go. */
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

    /** The weight of {@code row} (mixed hash {@code h}), 0 if absent. */
    long weight(Row row, int h) {
        if (size == 0) {
            return 0;
        }
        int i = find(row, h);
        return i < 0 ? 0 : weights[i];
    }

    /**
     * Adds {@code weight} (non-zero) to {@code row} (mixed hash {@code h}); returns the new weight: 0 when the
     * row left, {@code weight} when it came in.
     */
    long add(Row row, int h, long weight) {
        int i = find(row, h);
        if (i >= 0) {
            long w = Math.addExact(weights[i], weight);
            if (w == 0) {
                removeAt(i);
            } else {
                weights[i] = w;
            }
            return w;
        }
        if ((size + 1) * 4L > rows.length * 3L) {
            grow();
            i = find(row, h);
        }
        i = -i - 1;
        rows[i] = row;
        weights[i] = weight;
        hashes[i] = h;
        size++;
        return weight;
    }

    /** Empties slot {@code i}, shifting back the entries of its probe run that may move. */
    private void removeAt(int i) {
        int mask = rows.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; rows[j] != null; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            // The entry at j stays unless its home slot lies cyclically outside (hole, j].
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                rows[hole] = rows[j];
                weights[hole] = weights[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        rows[hole] = null;
        weights[hole] = 0;
        hashes[hole] = 0;
        size--;
    }

    private void grow() {
        Row[] oldRows = rows;
        long[] oldWeights = weights;
        int[] oldHashes = hashes;
        allocate(oldRows.length * 2);
        int mask = rows.length - 1;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != null) {
                int j = oldHashes[i] & mask;
                while (rows[j] != null) {
                    j = (j + 1) & mask;
                }
                rows[j] = oldRows[i];
                weights[j] = oldWeights[i];
                hashes[j] = oldHashes[i];
            }
        }
    }

    /** Visits every (row, weight). */
    void forEach(WeightedRowConsumer c) {
        Row[] rs = rows;
        long[] ws = weights;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] != null) {
                c.accept(rs[i], ws[i]);
            }
        }
    }

    /** Copies the entries into {@code outRows} / {@code outWeights} from {@code at}; returns the next position. */
    int copyInto(Row[] outRows, long[] outWeights, int at) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null) {
                outRows[at] = rows[i];
                outWeights[at] = weights[i];
                at++;
            }
        }
        return at;
    }
}
