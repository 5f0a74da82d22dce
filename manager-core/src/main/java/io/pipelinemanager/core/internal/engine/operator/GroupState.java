package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulator;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulators;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;

/**
 * The state of one group of an aggregate: its row count and one accumulator per call. {@code add(row, -w)} is
 * the inverse of {@code add(row, w)}: every accumulator is a function of the multiset of rows it was given
 * (MIN/MAX an ordered multiset of values, DISTINCT a count per value, SUM an exact sum), which is how
 * {@link AggregateOp} rolls a group back.
 */
final class GroupState {
    private final Accumulator[] accumulators;
    private long rows;

    GroupState(AggCall[] calls) {
        accumulators = new Accumulator[calls.length];
        for (int i = 0; i < calls.length; i++) {
            accumulators[i] = Accumulators.create(calls[i]);
        }
    }

    /** Adds a weighted row to every accumulator; all or nothing (an accumulator that throws changes nothing). */
    void add(Row row, long weight) {
        long newRows = Math.addExact(rows, weight);
        int i = 0;
        try {
            for (; i < accumulators.length; i++) {
                accumulators[i].add(row, weight);
            }
        } catch (RuntimeException e) {
            for (int j = i - 1; j >= 0; j--) {
                accumulators[j].add(row, -weight);
            }
            throw e;
        }
        rows = newRows;
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
