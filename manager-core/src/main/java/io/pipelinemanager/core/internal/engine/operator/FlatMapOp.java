package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Maps each row to zero or more rows (each inheriting the input weight). Linear. */
public final class FlatMapOp implements StatelessOperator {
    private final BiConsumer<Row, Consumer<Row>> function;

    /** A flat-map calling {@code function(row, emit)} per input row. */
    public FlatMapOp(BiConsumer<Row, Consumer<Row>> function) {
        this.function = function;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        work.add(in.size());
        ZSetBuilder out = new ZSetBuilder(in.size());
        for (int i = 0, n = in.size(); i < n; i++) {
            long w = in.weightAt(i);
            try {
                function.accept(in.row(i), r -> out.add(r, w));
            } catch (RuntimeException e) {
                throw new RowFailure(in.row(i), e);
            }
        }
        return out.build();
    }
}
