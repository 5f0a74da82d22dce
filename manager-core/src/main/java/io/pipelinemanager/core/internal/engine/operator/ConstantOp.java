package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

/** A constant relation (VALUES): emits its rows at the first step, nothing afterwards. */
public final class ConstantOp implements Operator {
    private final ZSet rows;
    private boolean emitted;

    /** A constant emitting {@code rows} once. */
    public ConstantOp(ZSet rows) {
        this.rows = rows;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        if (emitted) {
            return ZSet.empty();
        }
        emitted = true;
        if (work.undo() != null) {
            work.undo().record((t, a, b, w) -> emitted = false, null, null, null, 0);
        }
        work.add(rows.size());
        return rows;
    }

    /** State: [emitted (BOOLEAN)]. */
    @Override
    public OperatorState captureState() {
        return OperatorState.of(emitted);
    }

    @Override
    public void restoreState(OperatorState state) {
        emitted = state.expect("CONSTANT", 1).bool(0);
    }
}
