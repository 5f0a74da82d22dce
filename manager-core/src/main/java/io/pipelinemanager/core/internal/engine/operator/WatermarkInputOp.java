package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

/**
 * The input node of a table with a {@code LATENESS} column: passes the table's (already filtered) changes
 * through and holds the table's watermark, so that a checkpoint captures it and a restored circuit drops
 * exactly the rows the original one would have dropped. The circuit advances it once a step has succeeded.
 */
public final class WatermarkInputOp implements Operator {
    private Object watermark;

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        return inputs[0];
    }

    /** The watermark (null: none yet): rows whose LATENESS column is below it are late. */
    public Object watermark() {
        return watermark;
    }

    /** Moves the watermark to {@code candidate} when that is later (a watermark never goes back). */
    public void advance(Object candidate) {
        watermark = Lateness.later(watermark, candidate);
    }

    /** State: [the watermark (an engine value of the column's type, or NULL for none yet)]. */
    @Override
    public OperatorState captureState() {
        return OperatorState.of(new Object[] {watermark});
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("INPUT", 1);
        watermark = state.parts().get(0);
    }
}
