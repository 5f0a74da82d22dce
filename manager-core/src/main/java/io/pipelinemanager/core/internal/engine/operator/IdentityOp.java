package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

/** Passes its single input through (table inputs and view outputs). */
public final class IdentityOp implements StatelessOperator {
    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        return inputs[0];
    }
}
