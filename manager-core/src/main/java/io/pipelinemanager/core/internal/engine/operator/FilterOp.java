package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

/** Keeps rows whose predicate is TRUE (FALSE and NULL drop the row). Linear. */
public final class FilterOp implements StatelessOperator {
    private final Expr predicate;

    /** A filter on {@code predicate}. */
    public FilterOp(Expr predicate) {
        this.predicate = predicate;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        work.add(in.size());
        // A subset of a consolidated Z-set is consolidated: no map needed.
        Row[] rows = new Row[in.size()];
        long[] weights = new long[in.size()];
        int kept = 0;
        for (int i = 0, n = in.size(); i < n; i++) {
            Row r = in.row(i);
            boolean keep;
            try {
                keep = predicate.eval(r) == Boolean.TRUE;
            } catch (RuntimeException e) {
                throw new RowFailure(r, e);
            }
            if (keep) {
                rows[kept] = r;
                weights[kept] = in.weightAt(i);
                kept++;
            }
        }
        return kept == in.size() ? in : ZSet.ofDistinct(rows, weights, kept);
    }
}
