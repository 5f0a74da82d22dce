package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.expr.Texts;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.List;

/**
 * PostgreSQL's STRING_AGG(value, separator [ORDER BY ...]): the non-NULL values joined, each after the first
 * preceded by its own row's separator (a NULL separator adds nothing); NULL when there are none. The inputs
 * are kept as an ordered multiset ({@link OrderedInputs}), so deletes retract exactly. They are ordered by the
 * call's ORDER BY keys, then by value and separator; without ORDER BY that makes the result ordered by value
 * (PostgreSQL leaves the order unspecified then, in practice the order in which rows were read).
 */
final class StringAggAccumulator implements Accumulator {
    private final int value;
    private final int filter;
    private final OrderedInputs inputs;

    StringAggAccumulator(int value, int separator, int filter, List<AggCall.AggOrder> order) {
        this.value = value;
        this.filter = filter;
        this.inputs = new OrderedInputs(order, value, separator);
    }

    @Override
    public void add(Row row, long weight) {
        if (row.get(value) == null || !Accumulators.passes(row, filter)) {
            return;
        }
        inputs.add(row, weight);
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
        StringBuilder sb = new StringBuilder();
        boolean[] first = {true};
        inputs.forEachArgs(a -> {
            if (!first[0] && a[1] != null) {
                sb.append(Texts.toText(a[1]));
            }
            sb.append(Texts.toText(a[0]));
            first[0] = false;
        });
        return sb.toString();
    }

    @Override
    public int stateSize() {
        return inputs.size();
    }
}
