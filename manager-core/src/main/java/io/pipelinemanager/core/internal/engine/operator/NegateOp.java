package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;

/** Negates every weight. Linear. */
public final class NegateOp implements StatelessOperator {
    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        return inputs[0].negate();
    }
}
