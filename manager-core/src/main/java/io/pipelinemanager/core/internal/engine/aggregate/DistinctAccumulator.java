package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.List;

/**
 * Wraps an accumulator for an AGG(DISTINCT x) call: counts each argument value and feeds the inner
 * accumulator only when a value's count crosses zero. Rows with a NULL argument are skipped.
 */
final class DistinctAccumulator implements Accumulator {
    private final int[] args;
    private final int filter;
    private final Accumulator inner;
    private final ZSetBuilder counts = new ZSetBuilder(4);

    DistinctAccumulator(int[] args, int filter, Accumulator inner) {
        this.args = args;
        this.filter = filter;
        this.inner = inner;
    }

    @Override
    public void add(Row row, long weight) {
        if (!Accumulators.passes(row, filter) || Rows.anyNull(row, args)) {
            return;
        }
        Row key = Rows.project(row, args);
        long before = counts.weight(key);
        long after = counts.add(key, weight);
        if (before <= 0 && after > 0) {
            inner.add(row, 1);
        } else if (before > 0 && after <= 0) {
            inner.add(row, -1);
        }
    }

    /** State: [count per distinct argument tuple (a Z-set), the inner accumulator's state]. */
    @Override
    public List<Object> captureState() {
        return Accumulators.parts(counts.build(), inner.captureState());
    }

    @Override
    public void restoreState(List<?> state) {
        counts.clear();
        counts.addAll(Accumulators.part(state, 2, 0, ZSetView.class), 1);
        inner.restoreState(Accumulators.part(state, 2, 1, List.class));
    }

    @Override
    public Object result() {
        return inner.result();
    }

    @Override
    public int stateSize() {
        return counts.size() + inner.stateSize();
    }
}
