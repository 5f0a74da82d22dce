package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The inputs of an ordered aggregate (STRING_AGG, ARRAY_AGG) as a multiset of entries: the call's ORDER BY
 * key values followed by the aggregated argument values. Entries are kept sorted by the ORDER BY keys (with
 * their direction and NULL placement), then by the arguments, so a delete retracts exactly the entry an
 * insert added and the result does not depend on arrival order.
 */
final class OrderedInputs {
    private final int[] keys;
    private final int[] args;
    private final TreeMap<Object[], long[]> entries;

    OrderedInputs(List<AggCall.AggOrder> order, int... args) {
        this.keys = order.stream().mapToInt(AggCall.AggOrder::column).toArray();
        this.args = args.clone();
        Comparator<Object[]> c = (a, b) -> 0;
        for (int i = 0; i < order.size(); i++) {
            int k = i;
            AggCall.AggOrder o = order.get(i);
            c = c.thenComparing((a, b) -> {
                Object x = a[k];
                Object y = b[k];
                if (x == null || y == null) {
                    return x == y ? 0 : (x == null) == o.nullsFirst() ? -1 : 1;
                }
                int r = Values.compare(x, y);
                return o.descending() ? -r : r;
            });
        }
        for (int i = 0; i < args.length; i++) {
            int k = keys.length + i;
            c = c.thenComparing((a, b) -> Values.compare(a[k], b[k]));
        }
        this.entries = new TreeMap<>(c);
    }

    /** Adds (or, with a negative weight, retracts) the entry of {@code row}. */
    void add(Row row, long weight) {
        Object[] entry = new Object[keys.length + args.length];
        for (int i = 0; i < keys.length; i++) {
            entry[i] = row.get(keys[i]);
        }
        for (int i = 0; i < args.length; i++) {
            entry[keys.length + i] = row.get(args[i]);
        }
        long[] cell = entries.computeIfAbsent(entry, e -> new long[1]);
        if ((cell[0] += weight) == 0) {
            entries.remove(entry);
        }
    }

    /** True when no entry is held. */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Calls {@code action} with the argument values of each entry, in order, once per copy. */
    void forEachArgs(Consumer<Object[]> action) {
        entries.forEach((entry, cell) -> {
            Object[] a = java.util.Arrays.copyOfRange(entry, keys.length, entry.length);
            for (long i = 0; i < cell[0]; i++) {
                action.accept(a);
            }
        });
    }

    /** The entries as a Z-set (checkpoint state). */
    ZSetView capture() {
        ZSetBuilder b = new ZSetBuilder(entries.size());
        entries.forEach((entry, cell) -> b.add(new ArrayRow(entry.clone()), cell[0]));
        return b.build();
    }

    /** Replaces the entries with those {@link #capture} returned. */
    void restore(ZSetView state) {
        entries.clear();
        state.forEach((r, w) -> {
            Object[] entry = new Object[r.size()];
            for (int i = 0; i < entry.length; i++) {
                entry[i] = r.get(i);
            }
            entries.put(entry, new long[] {w});
        });
    }

    /** Number of distinct entries. */
    int size() {
        return entries.size();
    }
}
