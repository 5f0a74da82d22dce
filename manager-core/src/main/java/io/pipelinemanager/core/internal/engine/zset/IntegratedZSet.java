package io.pipelinemanager.core.internal.engine.zset;

/**
 * A mutable, always-consolidated Z-set that integrates deltas over steps (a table's or view's contents, the
 * integral an operator keeps) and whose {@link #snapshot} is cheap: O(shards), not O(rows), so a checkpoint
 * capture does not pause the step thread for the size of the state (see {@link CowShardedMap}).
 */
public final class IntegratedZSet {
    private final CowShardedMap<Row, long[]> map = new CowShardedMap<>(long[]::clone);

    /** Adds {@code weight} to {@code row}; returns the new weight (0 means the row is gone). */
    public long add(Row row, long weight) {
        if (weight == 0) {
            return weight(row);
        }
        long[] cell = map.getForUpdate(row);
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
        long[] cell = map.get(row);
        return cell == null ? 0 : cell[0];
    }

    /** Number of distinct rows. */
    public long size() {
        return map.size();
    }

    /** True when empty. */
    public boolean isEmpty() {
        return map.size() == 0;
    }

    /** Visits every (row, weight). Must not be modified during the visit. */
    public void forEach(WeightedRowConsumer c) {
        map.forEach((r, cell) -> c.accept(r, cell[0]));
    }

    /** An immutable copy of the current contents (O(rows)). */
    public ZSet build() {
        int n = Math.toIntExact(map.size());
        if (n == 0) {
            return ZSet.empty();
        }
        Row[] rows = new Row[n];
        long[] weights = new long[n];
        int[] i = {0};
        map.forEach((r, cell) -> {
            rows[i[0]] = r;
            weights[i[0]++] = cell[0];
        });
        return new ZSet(rows, weights);
    }

    /** The current contents as a view that never changes, in O(shards). */
    public ZSetView snapshot() {
        CowShardedMap.Frozen<Row, long[]> frozen = map.freeze();
        return new ZSetView() {
            @Override
            public long entryCount() {
                return frozen.size();
            }

            @Override
            public void forEach(WeightedRowConsumer c) {
                frozen.forEach((r, cell) -> c.accept(r, cell[0]));
            }
        };
    }
}
