package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;

/** DISTINCT: a row has weight 1 while its integrated weight is positive; emits on zero crossings. */
public final class DistinctOp implements Operator {
    private final IntegratedZSet integrated = new IntegratedZSet();

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        ZSetBuilder out = new ZSetBuilder();
        for (int i = 0, n = in.size(); i < n; i++) {
            Row r = in.row(i);
            long before = integrated.weight(r);
            long after = integrated.add(r, in.weightAt(i), work.undo());
            work.inc();
            int change = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
            if (change != 0) {
                out.add(r, change);
            }
        }
        return out.build();
    }

    /** State: [the integrated input]. */
    @Override
    public OperatorState captureState() {
        return OperatorState.of(integrated.snapshot());
    }

    @Override
    public void restoreState(OperatorState state) {
        integrated.addAll(state.expect("DISTINCT", 1).zset(0), 1);
    }

    @Override
    public long stateSize() {
        return integrated.size();
    }
}
