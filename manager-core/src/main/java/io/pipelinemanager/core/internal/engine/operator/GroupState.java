package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulator;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulators;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** The state of one group of an aggregate: its row count and one accumulator per call. */
final class GroupState {
    private final Accumulator[] accumulators;
    private long rows;

    GroupState(AggCall[] calls) {
        accumulators = new Accumulator[calls.length];
        for (int i = 0; i < calls.length; i++) {
            accumulators[i] = Accumulators.create(calls[i]);
        }
    }

    void add(Row row, long weight) {
        rows = Math.addExact(rows, weight);
        for (Accumulator a : accumulators) {
            a.add(row, weight);
        }
    }

    boolean isEmpty() {
        return rows == 0;
    }

    long stateSize() {
        long s = 1;
        for (Accumulator a : accumulators) {
            s += a.stateSize();
        }
        return s;
    }

    /** The output row: key columns then results. */
    Row output(Row key) {
        int k = key.size();
        Object[] values = new Object[k + accumulators.length];
        for (int i = 0; i < k; i++) {
            values[i] = key.get(i);
        }
        for (int i = 0; i < accumulators.length; i++) {
            values[k + i] = accumulators[i].result();
        }
        return new ArrayRow(values);
    }
}
