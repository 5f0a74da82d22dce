package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.List;

/** SINGLE_VALUE (scalar subquery): the only value, NULL when empty, an error for more than one row. */
final class SingleValueAccumulator implements Accumulator {
    private final int arg;
    private final int filter;
    private final ZSetBuilder values = new ZSetBuilder(2);
    private long rows;

    SingleValueAccumulator(int arg, int filter) {
        this.arg = arg;
        this.filter = filter;
    }

    @Override
    public void add(Row row, long weight) {
        if (!Accumulators.passes(row, filter)) {
            return;
        }
        rows += weight;
        values.add(Rows.of(row.get(arg)), weight);
    }

    /** State: [rows counted, count per value (a Z-set of one-column rows)]. */
    @Override
    public List<Object> captureState() {
        return Accumulators.parts(rows, values.build());
    }

    @Override
    public void restoreState(List<?> state) {
        rows = Accumulators.part(state, 2, 0, Long.class);
        values.clear();
        values.addAll(Accumulators.part(state, 2, 1, ZSetView.class), 1);
    }

    @Override
    public Object result() {
        if (rows == 0) {
            return null;
        }
        if (rows > 1 || values.size() != 1) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.SINGLE_VALUE,
                    "more than one row returned by a subquery used as an expression");
        }
        Object[] v = new Object[1];
        values.forEach((r, w) -> v[0] = r.get(0));
        return v[0];
    }

    @Override
    public int stateSize() {
        return values.size();
    }
}
