package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.List;

/** COUNT(*) and COUNT(x, ...): counts rows (where every argument is non-NULL). */
final class CountAccumulator implements Accumulator {
    private final int[] args;
    private final int filter;
    private long count;

    CountAccumulator(int[] args, int filter) {
        this.args = args;
        this.filter = filter;
    }

    @Override
    public void add(Row row, long weight) {
        if (!Accumulators.passes(row, filter)) {
            return;
        }
        for (int a : args) {
            if (row.get(a) == null) {
                return;
            }
        }
        count = Math.addExact(count, weight);
    }

    /** State: [count]. */
    @Override
    public List<Object> captureState() {
        return Accumulators.parts(count);
    }

    @Override
    public void restoreState(List<?> state) {
        count = Accumulators.part(state, 1, 0, Long.class);
    }

    @Override
    public Object result() {
        return count;
    }
}
