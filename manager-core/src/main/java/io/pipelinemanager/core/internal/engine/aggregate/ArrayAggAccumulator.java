package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's ARRAY_AGG(value [ORDER BY ...]): an array of the input values, NULLs included, in the order of
 * the call's ORDER BY keys; NULL when no row passes. The inputs are an ordered multiset ({@link OrderedInputs}),
 * so deletes retract exactly. Rows the ORDER BY keys do not order (and all rows without ORDER BY) are ordered
 * by value, where PostgreSQL leaves the order unspecified.
 */
final class ArrayAggAccumulator implements Accumulator {
    private final int filter;
    private final OrderedInputs inputs;

    ArrayAggAccumulator(int value, int filter, List<AggCall.AggOrder> order) {
        this.filter = filter;
        this.inputs = new OrderedInputs(order, value);
    }

    @Override
    public void add(Row row, long weight) {
        if (Accumulators.passes(row, filter)) {
            inputs.add(row, weight);
        }
    }

    @Override
    public List<Object> captureState() {
        return Accumulators.parts(inputs.capture());
    }

    @Override
    public void restoreState(List<?> state) {
        inputs.restore(Accumulators.part(state, 1, 0, ZSetView.class));
    }

    @Override
    public Object result() {
        if (inputs.isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        inputs.forEachArgs(a -> out.add(a[0]));
        return Values.array(out);
    }

    @Override
    public int stateSize() {
        return inputs.size();
    }
}
