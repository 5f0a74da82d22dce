package io.pipelinemanager.core.internal.engine.zset;

/**
 * A mutable, always-consolidated map row → weight: adding merges equal rows and drops entries
 * whose weight becomes zero. Used to build {@link ZSet}s and as the per-key group of traces.
 *
 * <p>Stored in a {@link RowTable} (open addressing over parallel arrays): an entry costs 16 bytes per slot and
 * no objects besides the row (a {@code java.util.HashMap} costs a node and a weight cell per entry), and a
 * trace's group of one row is four small objects instead of seven.
 */
public final class ZSetBuilder {
    private RowTable table;

    /** An empty builder. */
    public ZSetBuilder() {
        this(8);
    }

    /** An empty builder sized for about {@code expected} rows. */
    public ZSetBuilder(int expected) {
        this.table = RowTable.forExpected(expected);
    }

    private ZSetBuilder(RowTable table) {
        this.table = table;
    }

    /** Adds {@code weight} to {@code row}; returns the new weight (0 means the row is gone). */
    public long add(Row row, long weight) {
        if (weight == 0) {
            return weight(row);
        }
        return table.add(row, RowTable.mix(row.hashCode()), weight);
    }

    /**
     * Adds {@code weight} to {@code row} like {@link #add(Row, long)} and records the change in {@code undo}
     * (null: not recorded).
     */
    public long add(Row row, long weight, UndoLog undo) {
        long w = add(row, weight);
        if (undo != null && weight != 0) {
            undo.added(this, row, weight);
        }
        return w;
    }

    /** Adds every entry of {@code z} like {@link #addAll(ZSet, long)}, recording each change in {@code undo} (null: not recorded). */
    public ZSetBuilder addAll(ZSet z, long factor, UndoLog undo) {
        z.forEach((r, w) -> add(r, Math.multiplyExact(w, factor), undo));
        return this;
    }

    /** Current weight of {@code row} (0 if absent). */
    public long weight(Row row) {
        return table.size == 0 ? 0 : table.weight(row, RowTable.mix(row.hashCode()));
    }

    /** Number of distinct rows with non-zero weight. */
    public int size() {
        return table.size;
    }

    /** True when no row has a non-zero weight. */
    public boolean isEmpty() {
        return table.size == 0;
    }

    /** Visits every (row, weight). The builder must not be modified during the visit. */
    public void forEach(WeightedRowConsumer c) {
        table.forEach(c);
    }

    /** A deep copy (the rows are shared, the weights are not). */
    public ZSetBuilder copy() {
        return new ZSetBuilder(table.copy());
    }

    /** Adds every entry of {@code z} multiplied by {@code factor}. */
    public ZSetBuilder addAll(ZSetView z, long factor) {
        z.forEach((r, w) -> add(r, Math.multiplyExact(w, factor)));
        return this;
    }

    /** Removes everything. */
    public void clear() {
        table = new RowTable(table.capacity());
    }

    /** An immutable snapshot of the current contents. */
    public ZSet build() {
        int n = table.size;
        if (n == 0) {
            return ZSet.empty();
        }
        Row[] rows = new Row[n];
        long[] weights = new long[n];
        table.copyInto(rows, weights, 0);
        return new ZSet(rows, weights);
    }
}
