package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * The changes of one table in arrival order, as ingress parsed them: inserts and deletes of whole rows and
 * (tables with a primary key only) partial updates by key. Immutable once built. A {@link Circuit} resolves
 * them against the table's contents in order (see {@link Circuit#apply}): a table with a key upserts and
 * deletes by key, a table without one is a bag whose deletes of absent rows are ignored.
 */
public final class TableChanges {
    /** What an entry does. */
    public enum Kind {
        /** Adds the row (a table with a key: replaces the row of the same key). */
        INSERT,
        /** Removes the row (a table with a key: the row of the same key, whatever its other columns). */
        DELETE,
        /** Changes the columns marked present of the row of the same key; the others keep their values. */
        UPDATE
    }

    private static final TableChanges EMPTY = new TableChanges(new Kind[0], new Row[0], new long[0], new boolean[0][]);

    private final Kind[] kinds;
    private final Row[] rows;
    private final long[] counts;
    private final boolean[][] present;

    private TableChanges(Kind[] kinds, Row[] rows, long[] counts, boolean[][] present) {
        this.kinds = kinds;
        this.rows = rows;
        this.counts = counts;
        this.present = present;
    }

    /** No changes. */
    public static TableChanges empty() {
        return EMPTY;
    }

    /**
     * The changes a consolidated Z-set stands for: its deletes (negative weights) first, then its inserts,
     * each row repeated by the absolute value of its weight.
     */
    public static TableChanges of(ZSet z) {
        Builder b = new Builder();
        z.forEach((r, w) -> {
            if (w < 0) {
                b.add(Kind.DELETE, r, -w, null);
            }
        });
        z.forEach((r, w) -> {
            if (w > 0) {
                b.add(Kind.INSERT, r, w, null);
            }
        });
        return b.build();
    }

    /** The changes of {@code parts} one after the other. */
    public static TableChanges concat(List<TableChanges> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Builder b = new Builder();
        for (TableChanges p : parts) {
            for (int i = 0; i < p.size(); i++) {
                b.add(p.kinds[i], p.rows[i], p.counts[i], p.present[i]);
            }
        }
        return b.build();
    }

    /** Number of entries. */
    public int size() {
        return kinds.length;
    }

    /** True when there are no entries. */
    public boolean isEmpty() {
        return kinds.length == 0;
    }

    /** What entry {@code i} does. */
    public Kind kind(int i) {
        return kinds[i];
    }

    /** The row of entry {@code i}: every column (an update: the columns not {@link #present} are NULL). */
    public Row row(int i) {
        return rows[i];
    }

    /** How many times entry {@code i} is applied (1 for an update). */
    public long count(int i) {
        return counts[i];
    }

    /** Whether the update at {@code i} sets column {@code column} (true for every column of inserts and deletes). */
    public boolean present(int i, int column) {
        return present[i] == null || present[i][column];
    }

    /** Number of record changes: the sum of the counts. */
    public long records() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** True when some entry is an update. */
    public boolean hasUpdates() {
        for (Kind k : kinds) {
            if (k == Kind.UPDATE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The changes as a Z-set, inserts +1 and deletes −1 per count, ignoring their order (for inputs that are
     * whole contents, e.g. a one-shot evaluation); updates are refused.
     */
    public ZSet toZSet() {
        ZSetBuilder b = new ZSetBuilder(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.UPDATE) {
                throw new IllegalArgumentException("an update has no meaning without the table's contents");
            }
            b.add(rows[i], kinds[i] == Kind.INSERT ? counts[i] : -counts[i]);
        }
        return b.build();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < kinds.length; i++) {
            s.append(i == 0 ? "" : ", ").append(kinds[i].name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(rows[i]);
            if (counts[i] != 1) {
                s.append(" x").append(counts[i]);
            }
        }
        return s.append(']').toString();
    }

    /** Collects entries in order. Not thread-safe. */
    public static final class Builder {
        private Kind[] kinds = new Kind[8];
        private Row[] rows = new Row[8];
        private long[] counts = new long[8];
        private boolean[][] present = new boolean[8][];
        private int n;

        /** Appends an insert of {@code row}. */
        public Builder insert(Row row) {
            return add(Kind.INSERT, row, 1, null);
        }

        /** Appends a delete of {@code row}. */
        public Builder delete(Row row) {
            return add(Kind.DELETE, row, 1, null);
        }

        /**
         * Appends an update: {@code row} holds the key and the new values of the columns {@code columns} marks
         * (the array is taken over).
         */
        public Builder update(Row row, boolean[] columns) {
            if (columns.length != row.size()) {
                throw new IllegalArgumentException("an update marks " + columns.length + " columns of a row of " + row.size());
            }
            return add(Kind.UPDATE, row, 1, columns);
        }

        private Builder add(Kind kind, Row row, long count, boolean[] columns) {
            if (count <= 0) {
                throw new IllegalArgumentException("count must be positive");
            }
            if (n == kinds.length) {
                int size = n * 2;
                kinds = Arrays.copyOf(kinds, size);
                rows = Arrays.copyOf(rows, size);
                counts = Arrays.copyOf(counts, size);
                present = Arrays.copyOf(present, size);
            }
            kinds[n] = kind;
            rows[n] = row;
            counts[n] = count;
            present[n] = columns;
            n++;
            return this;
        }

        /** Number of entries so far. */
        public int size() {
            return n;
        }

        /** The changes collected so far. */
        public TableChanges build() {
            return n == 0 ? EMPTY : new TableChanges(Arrays.copyOf(kinds, n), Arrays.copyOf(rows, n),
                    Arrays.copyOf(counts, n), Arrays.copyOf(present, n));
        }
    }
}
