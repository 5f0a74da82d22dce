package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;

/** UNION ALL: the sum of its inputs. Linear. */
public final class UnionOp implements StatelessOperator {
    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        int nonEmpty = 0;
        ZSet last = ZSet.empty();
        for (ZSet z : inputs) {
            if (!z.isEmpty()) {
                nonEmpty++;
                last = z;
            }
        }
        if (nonEmpty <= 1) {
            return last;
        }
        ZSetBuilder out = new ZSetBuilder();
        for (ZSet z : inputs) {
            work.add(z.size());
            out.addAll(z, 1);
        }
        return out.build();
    }
}
