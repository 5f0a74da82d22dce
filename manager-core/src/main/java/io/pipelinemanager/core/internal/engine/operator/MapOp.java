package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;

/** Projects each row through a list of expressions; equal output rows add up. Linear. */
public final class MapOp implements StatelessOperator {
    private final Expr[] projections;

    /** A map computing one output column per expression. */
    public MapOp(Expr[] projections) {
        this.projections = projections;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        work.add(in.size());
        ZSetBuilder out = new ZSetBuilder(in.size());
        for (int i = 0, n = in.size(); i < n; i++) {
            Row r = in.row(i);
            Object[] values = new Object[projections.length];
            try {
                for (int c = 0; c < projections.length; c++) {
                    values[c] = projections[c].eval(r);
                }
            } catch (RuntimeException e) {
                throw new RowFailure(r, e);
            }
            out.add(new ArrayRow(values), in.weightAt(i));
        }
        return out.build();
    }
}
