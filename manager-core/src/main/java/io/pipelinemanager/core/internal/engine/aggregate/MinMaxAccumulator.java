package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.WeightedRowConsumer;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** MIN/MAX (and ANY_VALUE as MIN) over an ordered multiset, so deleting the extreme value works. */
final class MinMaxAccumulator implements Accumulator {
    private final int arg;
    private final int filter;
    private final boolean max;
    private static final Comparator<Object> ORDER = Values::compare;
    private final TreeMap<Object, long[]> values = new TreeMap<>(ORDER);

    MinMaxAccumulator(int arg, int filter, boolean max) {
        this.arg = arg;
        this.filter = filter;
        this.max = max;
    }

    @Override
    public void add(Row row, long weight) {
        Object v = row.get(arg);
        if (v == null || !Accumulators.passes(row, filter)) {
            return;
        }
        long[] cell = values.get(v);
        if (cell == null) {
            values.put(v, new long[] {weight});
        } else if ((cell[0] += weight) == 0) {
            values.remove(v);
        }
    }

    /**
     * State: [the multiset of non-NULL values: a Z-set of one-column rows weighted by their count]. Captured as
     * a sorted copy in linear time (aggregate groups are copied this way when a checkpoint froze them).
     */
    @Override
    public List<Object> captureState() {
        return Accumulators.parts(new SortedCounts(copyOf(values)));
    }

    @Override
    public void restoreState(List<?> state) {
        values.clear();
        ZSetView part = Accumulators.part(state, 1, 0, ZSetView.class);
        if (part instanceof SortedCounts sorted) {
            values.putAll(copyOf(sorted.counts));
        } else {
            part.forEach((r, w) -> values.put(r.get(0), new long[] {w}));
        }
    }

    /** A copy with copied count cells, in linear time (the source is already sorted by the same order). */
    private static TreeMap<Object, long[]> copyOf(TreeMap<Object, long[]> source) {
        TreeMap<Object, long[]> copy = new TreeMap<>(source);
        for (Map.Entry<Object, long[]> e : copy.entrySet()) {
            e.setValue(e.getValue().clone());
        }
        return copy;
    }

    /** An immutable sorted multiset of values as a Z-set view of one-column rows. */
    private static final class SortedCounts implements ZSetView {
        private final TreeMap<Object, long[]> counts;

        SortedCounts(TreeMap<Object, long[]> counts) {
            this.counts = counts;
        }

        @Override
        public long entryCount() {
            return counts.size();
        }

        @Override
        public void forEach(WeightedRowConsumer c) {
            counts.forEach((v, cell) -> c.accept(new ArrayRow(new Object[] {v}), cell[0]));
        }
    }

    @Override
    public Object result() {
        if (values.isEmpty()) {
            return null;
        }
        return max ? values.lastKey() : values.firstKey();
    }

    @Override
    public int stateSize() {
        return values.size();
    }
}
