package io.pipelinemanager.core.internal.engine.zset;

import java.util.HashMap;
import java.util.Map;

/**
 * A mutable, always-consolidated map row → weight: adding merges equal rows and drops entries
 * whose weight becomes zero. Used to build {@link ZSet}s and as the per-key group of traces.
 */
public final class ZSetBuilder {
    private final HashMap<Row, long[]> map;

    /** An empty builder. */
    public ZSetBuilder() {
        this.map = new HashMap<>();
    }

    /** An empty builder sized for about {@code expected} rows. */
    public ZSetBuilder(int expected) {
        this.map = new HashMap<>(Math.max(4, (int) (expected / 0.75f) + 1));
    }

    /** Adds {@code weight} to {@code row}; returns the new weight (0 means the row is gone). */
    public long add(Row row, long weight) {
        if (weight == 0) {
            return weight(row);
        }
        long[] cell = map.get(row);
        if (cell == null) {
            map.put(row, new long[] {weight});
            return weight;
        }
        long w = Math.addExact(cell[0], weight);
        if (w == 0) {
            map.remove(row);
        } else {
            cell[0] = w;
        }
        return w;
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
        long[] cell = map.get(row);
        return cell == null ? 0 : cell[0];
    }

    /** Number of distinct rows with non-zero weight. */
    public int size() {
        return map.size();
    }

    /** True when no row has a non-zero weight. */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** Visits every (row, weight). The builder must not be modified during the visit. */
    public void forEach(WeightedRowConsumer c) {
        for (Map.Entry<Row, long[]> e : map.entrySet()) {
            c.accept(e.getKey(), e.getValue()[0]);
        }
    }

    /** A deep copy (the rows are shared, the weights are not). */
    public ZSetBuilder copy() {
        ZSetBuilder c = new ZSetBuilder(map.size());
        for (Map.Entry<Row, long[]> e : map.entrySet()) {
            c.map.put(e.getKey(), new long[] {e.getValue()[0]});
        }
        return c;
    }

    /** Adds every entry of {@code z} multiplied by {@code factor}. */
    public ZSetBuilder addAll(ZSetView z, long factor) {
        z.forEach((r, w) -> add(r, Math.multiplyExact(w, factor)));
        return this;
    }

    /** Removes everything. */
    public void clear() {
        map.clear();
    }

    /** An immutable snapshot of the current contents. */
    public ZSet build() {
        int n = map.size();
        if (n == 0) {
            return ZSet.empty();
        }
        Row[] rows = new Row[n];
        long[] weights = new long[n];
        int i = 0;
        for (Map.Entry<Row, long[]> e : map.entrySet()) {
            rows[i] = e.getKey();
            weights[i] = e.getValue()[0];
            i++;
        }
        return new ZSet(rows, weights);
    }
}
