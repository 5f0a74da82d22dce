package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A temporal filter: keeps the rows for which every {@link Condition} {@code value(row) op threshold(now)}
 * holds, where {@code now} is the circuit's clock ({@link Work#now()}) and {@code threshold} grows with it
 * ({@code NOW()}, {@code NOW() ± INTERVAL}). The output changes when rows arrive or leave and also when time
 * passes: a row whose value falls below a rising lower bound ({@code ts > NOW() - INTERVAL '1' HOUR}) is
 * retracted, a row waiting for a rising upper bound ({@code ts <= NOW()}) is emitted when it is reached.
 *
 * <p>Time only moves forward: the operator uses the largest clock value it has seen, so a clock that goes back
 * changes nothing. Hence a row that fails a lower bound can never come back; it is dropped from the state (and
 * a later delete of it is ignored: it left the output already). The state holds the rows currently inside the
 * window or waiting for it, indexed per condition by their value, so a step costs the rows whose value lies
 * between the previous and the new threshold, not the whole state.
 */
public final class TemporalFilterOp implements Operator {

    /** How a row's value must compare with the threshold. */
    public enum Comparison {
        /** value &gt; threshold: a lower bound, the row expires. */
        GREATER(true, false),
        /** value &gt;= threshold: a lower bound, the row expires. */
        GREATER_OR_EQUAL(true, true),
        /** value &lt; threshold: an upper bound, the row is activated. */
        LESS(false, false),
        /** value &lt;= threshold: an upper bound, the row is activated. */
        LESS_OR_EQUAL(false, true);

        private final boolean lowerBound;
        private final boolean inclusive;

        Comparison(boolean lowerBound, boolean inclusive) {
            this.lowerBound = lowerBound;
            this.inclusive = inclusive;
        }

        boolean holds(Object value, Object threshold) {
            int c = Values.compare(value, threshold);
            return lowerBound ? (inclusive ? c >= 0 : c > 0) : (inclusive ? c <= 0 : c < 0);
        }
    }

    /**
     * One conjunct {@code value(row) comparison threshold(now)}: {@code threshold} is evaluated over the
     * one-column row {@code [now]} and must not decrease when {@code now} increases.
     */
    public record Condition(Expr value, Comparison comparison, Expr threshold) {
    }

    private final Condition[] conditions;
    /** The rows held: inside the window or waiting for it, with their weights. */
    private final IntegratedZSet rows = new IntegratedZSet();
    /** Per condition: the held rows by their value (derived from {@link #rows}, rebuilt on restore). */
    private final List<ValueIndex> index = new ArrayList<>();
    /** The latest clock value seen, or null before the first step. */
    private LocalDateTime now;

    private static final UndoLog.Undo SET_NOW = (t, old, unused, w) -> ((TemporalFilterOp) t).now = (LocalDateTime) old;
    private static final UndoLog.Undo UNINDEX = (t, row, unused, w) -> ((TemporalFilterOp) t).unindex((Row) row);
    private static final UndoLog.Undo REINDEX = (t, row, unused, w) -> ((TemporalFilterOp) t).index((Row) row);

    /** A filter on the conjunction of {@code conditions} (at least one). */
    public TemporalFilterOp(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a temporal filter needs a condition");
        }
        this.conditions = conditions.toArray(new Condition[0]);
        for (int i = 0; i < this.conditions.length; i++) {
            index.add(new ValueIndex());
        }
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        UndoLog undo = work.undo();
        LocalDateTime previous = now;
        LocalDateTime current = previous == null || work.now().isAfter(previous) ? work.now() : previous;
        Object[] before = previous == null ? null : thresholds(previous);
        Object[] after = thresholds(current);
        if (!current.equals(previous)) {
            now = current;
            if (undo != null) {
                undo.record(SET_NOW, this, previous, null, 0);
            }
        }
        ZSetBuilder out = new ZSetBuilder();
        if (before != null) {
            moveTime(before, after, out, work);
        }
        ZSet in = inputs[0];
        for (int i = 0, n = in.size(); i < n; i++) {
            Row r = in.row(i);
            long w = in.weightAt(i);
            work.inc();
            Object[] values = values(r);
            if (expired(values, after)) {
                continue;
            }
            if (visible(values, after)) {
                out.add(r, w);
            }
            long old = rows.weight(r);
            long updated = rows.add(r, w, undo);
            if (old == 0 && updated != 0) {
                indexRecorded(r, undo);
            } else if (old != 0 && updated == 0) {
                unindexRecorded(r, undo);
            }
        }
        return out.build();
    }

    /** Emits the changes of held rows between the thresholds {@code before} and {@code after}, then drops expired rows. */
    private void moveTime(Object[] before, Object[] after, ZSetBuilder out, Work work) {
        Set<Row> candidates = new LinkedHashSet<>();
        for (int c = 0; c < conditions.length; c++) {
            if (Values.compare(before[c], after[c]) == 0) {
                continue;
            }
            index.get(c).collectBetween(before[c], after[c], candidates);
        }
        List<Row> dead = new ArrayList<>();
        for (Row r : candidates) {
            work.inc();
            Object[] values = values(r);
            boolean was = visible(values, before);
            boolean is = visible(values, after);
            if (was != is) {
                out.add(r, is ? rows.weight(r) : -rows.weight(r));
            }
            if (expired(values, after)) {
                dead.add(r);
            }
        }
        for (Row r : dead) {
            unindexRecorded(r, work.undo());
            rows.add(r, -rows.weight(r), work.undo());
        }
    }

    private Object[] thresholds(LocalDateTime at) {
        Row clock = Rows.of(at);
        Object[] out = new Object[conditions.length];
        for (int c = 0; c < conditions.length; c++) {
            out[c] = conditions[c].threshold().eval(clock);
        }
        return out;
    }

    private Object[] values(Row r) {
        Object[] out = new Object[conditions.length];
        for (int c = 0; c < conditions.length; c++) {
            out[c] = conditions[c].value().eval(r);
        }
        return out;
    }

    private boolean visible(Object[] values, Object[] thresholds) {
        for (int c = 0; c < conditions.length; c++) {
            if (values[c] == null || thresholds[c] == null || !conditions[c].comparison().holds(values[c], thresholds[c])) {
                return false;
            }
        }
        return true;
    }

    /** True when the row can never become visible again: a NULL value, or a lower bound it no longer meets. */
    private boolean expired(Object[] values, Object[] thresholds) {
        for (int c = 0; c < conditions.length; c++) {
            Comparison cmp = conditions[c].comparison();
            if (values[c] == null || (cmp.lowerBound && thresholds[c] != null && !cmp.holds(values[c], thresholds[c]))) {
                return true;
            }
        }
        return false;
    }

    private void indexRecorded(Row r, UndoLog undo) {
        index(r);
        if (undo != null) {
            undo.record(UNINDEX, this, r, null, 0);
        }
    }

    private void unindexRecorded(Row r, UndoLog undo) {
        unindex(r);
        if (undo != null) {
            undo.record(REINDEX, this, r, null, 0);
        }
    }

    private void index(Row r) {
        Object[] values = values(r);
        for (int c = 0; c < conditions.length; c++) {
            index.get(c).add(values[c], r);
        }
    }

    private void unindex(Row r) {
        Object[] values = values(r);
        for (int c = 0; c < conditions.length; c++) {
            index.get(c).remove(values[c], r);
        }
    }

    /** State: [the held rows (inside the window or waiting for it), the latest clock value seen (null before the first step)]. */
    @Override
    public OperatorState captureState() {
        return OperatorState.of(rows.snapshot(), now);
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("TEMPORAL_FILTER", 2);
        rows.addAll(state.zset(0), 1);
        rows.forEach((r, w) -> index(r));
        Object t = state.parts().get(1);
        if (t != null && !(t instanceof LocalDateTime)) {
            throw new IllegalArgumentException("state part 1 is " + t.getClass().getSimpleName() + ", expected a timestamp");
        }
        now = (LocalDateTime) t;
    }

    @Override
    public long stateSize() {
        return rows.size();
    }
}
