package io.pipelinemanager.core.internal.engine.aggregate;

import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.List;

/** BOOL_AND (EVERY) and BOOL_OR (SOME): counts TRUE and FALSE inputs; NULL when there are none. */
final class BoolAccumulator implements Accumulator {
    private final int arg;
    private final int filter;
    private final boolean and;
    private long trues;
    private long falses;

    BoolAccumulator(int arg, int filter, boolean and) {
        this.arg = arg;
        this.filter = filter;
        this.and = and;
    }

    @Override
    public void add(Row row, long weight) {
        Object v = row.get(arg);
        if (v == null || !Accumulators.passes(row, filter)) {
            return;
        }
        if ((Boolean) v) {
            trues += weight;
        } else {
            falses += weight;
        }
    }

    /** State: [TRUE inputs, FALSE inputs]. */
    @Override
    public List<Object> captureState() {
        return Accumulators.parts(trues, falses);
    }

    @Override
    public void restoreState(List<?> state) {
        trues = Accumulators.part(state, 2, 0, Long.class);
        falses = Accumulators.part(state, 2, 1, Long.class);
    }

    @Override
    public Object result() {
        if (trues == 0 && falses == 0) {
            return null;
        }
        return and ? falses == 0 : trues > 0;
    }
}
