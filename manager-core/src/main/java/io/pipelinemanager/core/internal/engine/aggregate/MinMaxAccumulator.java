package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.List;
import java.util.TreeMap;

/** MIN/MAX (and ANY_VALUE as MIN) over an ordered multiset, so deleting the extreme value works. */
final class MinMaxAccumulator implements Accumulator {
    private final int arg;
    private final int filter;
    private final boolean max;
    private final TreeMap<Object, long[]> values = new TreeMap<>(Values::compare);

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

    /** State: [the multiset of non-NULL values: a Z-set of one-column rows weighted by their count]. */
    @Override
    public List<Object> captureState() {
        ZSetBuilder b = new ZSetBuilder(values.size());
        values.forEach((v, cell) -> b.add(new ArrayRow(new Object[] {v}), cell[0]));
        return Accumulators.parts(b.build());
    }

    @Override
    public void restoreState(List<?> state) {
        values.clear();
        Accumulators.part(state, 1, 0, ZSetView.class).forEach((r, w) -> values.put(r.get(0), new long[] {w}));
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
