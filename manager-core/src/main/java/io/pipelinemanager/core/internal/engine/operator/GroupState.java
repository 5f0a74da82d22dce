package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulator;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulators;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one group of an aggregate: its row count and one accumulator per call. {@code add(row, -w)} is
 * the inverse of {@code add(row, w)}: every accumulator is a function of the multiset of rows it was given
 * (MIN/MAX an ordered multiset of values, DISTINCT a count per value, SUM an exact sum), which is how
 * {@link AggregateOp} rolls a group back.
 */
final class GroupState {
    private final AggCall[] calls;
    private final Accumulator[] accumulators;
    private long rows;
    /** The aggregate's step that last touched this group (bookkeeping of one step, not state). */
    long touchedInStep;

    GroupState(AggCall[] calls) {
        this.calls = calls;
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

    /** Appends this group's logical state to {@code out}: its row count, then each accumulator's state. */
    void capture(List<Object> out) {
        out.add(rows);
        for (Accumulator a : accumulators) {
            out.add(a.captureState());
        }
    }

    /** Loads a state {@link #capture} wrote, starting at {@code out.get(from)}. */
    void restore(List<?> state, int from) {
        if (state.size() != from + 1 + accumulators.length) {
            throw new IllegalArgumentException("aggregate group state has " + (state.size() - from)
                    + " parts, expected " + (1 + accumulators.length));
        }
        if (!(state.get(from) instanceof Long n)) {
            throw new IllegalArgumentException("aggregate group row count is not a number");
        }
        rows = n;
        for (int i = 0; i < accumulators.length; i++) {
            if (!(state.get(from + 1 + i) instanceof List<?> s)) {
                throw new IllegalArgumentException("aggregate accumulator state is not a list");
            }
            accumulators[i].restoreState(s);
        }
    }

    /** A deep copy (through the logical state, so it cannot miss a field). */
    GroupState copy() {
        List<Object> state = new ArrayList<>(1 + accumulators.length);
        capture(state);
        GroupState g = new GroupState(calls);
        g.restore(state, 0);
        return g;
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
