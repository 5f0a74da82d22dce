package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.CowShardedMap;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import io.pipelinemanager.core.internal.engine.zset.WeightedRowConsumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GROUP BY aggregation with per-group accumulators. Output rows are the group key columns followed
 * by one column per call. Only groups touched in a step emit −old/+new. Without group keys it is a
 * global aggregate: exactly one output row at all times, emitted at the first step even for empty input.
 * Every change to its state is recorded in the step's undo log: rows added to a group (undone by adding
 * them negated, see {@link GroupState}), groups created and dropped, and the started flag and size.
 *
 * <p>With {@code settled} bounds (a group key column that is a table's {@code LATENESS} column or a
 * non-decreasing function of it, see {@link ColumnBound}) a step first discards the groups whose key is below the
 * bound: no later change can reach them, so their output rows stay as they are and their accumulators are
 * dropped (the state stays bounded on an endless stream). Discarding is recorded in the undo log like any change.
 * The groups are also ordered by each bounded column ({@link ValueIndex}), so a discard visits only the groups it
 * drops, not every group (a group created or dropped costs a tree insertion or removal per bounded column).
 */
public final class AggregateOp implements Operator {
    private final int[] groupKeys;
    private final AggCall[] calls;
    /** Per group key column, the bound below which its groups are settled (null: none; null array: no column). */
    private final ColumnBound[] settled;
    /**
     * Per group key column with a bound, the groups ordered by that column's value (null elsewhere; null array:
     * no bound), so a discard visits only the groups it drops. Kept in step with {@link #groups}, undo included,
     * and rebuilt on restore (not part of the captured state).
     */
    private final ValueIndex[] bySettledColumn;
    /** The bounds of the last discard (a cache: discarding again under equal bounds finds nothing). */
    private Object[] lastLimits;
    private final UndoLog.Undo restoreLimits = (t, limits, unused, w) -> lastLimits = (Object[]) limits;
    private final CowShardedMap<Row, GroupState> groups = new CowShardedMap<>(GroupState::copy);
    private boolean started;
    private long stateSize;
    /** Counts calls of {@link #step}, to tell the groups a step touched already (not state: never captured). */
    private long steps;
    private static final UndoLog.Undo UNDO_ADD = (g, row, unused, w) -> ((GroupState) g).add((Row) row, -w);
    private final UndoLog.Undo dropGroup = (t, key, unused, w) -> removeGroup((Row) key);
    private final UndoLog.Undo restoreGroup = (t, key, g, w) -> putGroup((Row) key, (GroupState) g);
    private final UndoLog.Undo restoreScalars = (t, wasStarted, unused, size) -> {
        started = wasStarted != null;
        stateSize = size;
    };

    /** An aggregate over {@code groupKeys} computing {@code calls}. */
    public AggregateOp(int[] groupKeys, AggCall[] calls) {
        this(groupKeys, calls, null);
    }

    /** An aggregate that discards settled groups: {@code settled} has one bound (or null) per group key column. */
    public AggregateOp(int[] groupKeys, AggCall[] calls, ColumnBound[] settled) {
        this.groupKeys = groupKeys;
        this.calls = calls;
        this.settled = settled == null ? null : settled.clone();
        if (settled != null && settled.length != groupKeys.length) {
            throw new IllegalArgumentException("one bound per group key column");
        }
        this.bySettledColumn = settled == null ? null : new ValueIndex[settled.length];
        for (int i = 0; settled != null && i < settled.length; i++) {
            bySettledColumn[i] = settled[i] == null ? null : new ValueIndex();
        }
    }

    /** Adds a group to the groups and to the indexes of the bounded columns. */
    private void putGroup(Row key, GroupState g) {
        groups.put(key, g);
        for (int i = 0; bySettledColumn != null && i < bySettledColumn.length; i++) {
            // A NULL is never below a bound: such groups are never discarded, so not indexed.
            if (bySettledColumn[i] != null && key.get(i) != null) {
                bySettledColumn[i].add(key.get(i), key);
            }
        }
    }

    /** Removes a group from the groups and from the indexes of the bounded columns; returns it (null: absent). */
    private GroupState removeGroup(Row key) {
        GroupState g = groups.remove(key);
        for (int i = 0; g != null && bySettledColumn != null && i < bySettledColumn.length; i++) {
            if (bySettledColumn[i] != null && key.get(i) != null) {
                bySettledColumn[i].remove(key.get(i), key);
            }
        }
        return g;
    }

    /** Drops the groups below the bounds of this step's watermarks (they can no longer change). */
    private void discardSettled(Work work, UndoLog undo) {
        if (settled == null) {
            return;
        }
        Object[] limits = new Object[settled.length];
        boolean any = false;
        for (int i = 0; i < settled.length; i++) {
            limits[i] = settled[i] == null ? null : settled[i].lowest(work.watermarks());
            any |= limits[i] != null;
        }
        if (!any || Arrays.equals(limits, lastLimits)) {
            return;
        }
        // The groups with a column below its bound (Lateness.isLate), found in the columns' indexes: a group
        // below the bounds of two columns is found twice and dropped once.
        List<Row> below = new ArrayList<>();
        for (int i = 0; i < limits.length; i++) {
            if (limits[i] != null) {
                bySettledColumn[i].collectBelow(limits[i], below);
            }
        }
        for (Row key : below) {
            GroupState g = removeGroup(key);
            if (g == null) {
                continue;
            }
            if (undo != null) {
                undo.record(restoreGroup, null, key, g, 0);
            }
            stateSize -= g.stateSize();
        }
        if (undo != null) {
            undo.record(restoreLimits, null, lastLimits, null, 0);
        }
        lastLimits = limits;
    }

    private boolean global() {
        return groupKeys.length == 0;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        UndoLog undo = work.undo();
        if (undo != null) {
            undo.record(restoreScalars, null, started ? Boolean.TRUE : null, null, stateSize);
        }
        discardSettled(work, undo);
        long step = ++steps;
        // The groups this step touches, in the order first touched, with their output before the step.
        List<Row> keys = new ArrayList<>();
        List<GroupState> touched = new ArrayList<>();
        List<Row> oldOutputs = new ArrayList<>();
        if (!started && global()) {
            GroupState global = new GroupState(calls);
            putGroup(ArrayRow.EMPTY, global);
            if (undo != null) {
                undo.record(dropGroup, null, ArrayRow.EMPTY, null, 0);
            }
            stateSize += global.stateSize();
            global.touchedInStep = step;
            keys.add(ArrayRow.EMPTY);
            touched.add(global);
            oldOutputs.add(null);
        }
        started = true;
        for (int i = 0, n = in.size(); i < n; i++) {
            Row row = in.row(i);
            Row key = Rows.project(row, groupKeys);
            GroupState g = groups.getForUpdate(key);
            if (g == null) {
                g = new GroupState(calls);
                putGroup(key, g);
                if (undo != null) {
                    undo.record(dropGroup, null, key, null, 0);
                }
                stateSize += g.stateSize();
                g.touchedInStep = step;
                keys.add(key);
                touched.add(g);
                oldOutputs.add(null);
            } else if (g.touchedInStep != step) {
                g.touchedInStep = step;
                keys.add(key);
                touched.add(g);
                oldOutputs.add(g.output(key));
            }
            long before = g.stateSize();
            g.add(row, in.weightAt(i));
            if (undo != null) {
                undo.record(UNDO_ADD, g, row, null, in.weightAt(i));
            }
            stateSize += g.stateSize() - before;
            work.inc();
        }
        ZSetBuilder out = new ZSetBuilder(touched.size() * 2);
        for (int t = 0; t < touched.size(); t++) {
            Row key = keys.get(t);
            GroupState g = touched.get(t);
            Row old = oldOutputs.get(t);
            Row now = null;
            if (g.isEmpty() && !global()) {
                removeGroup(key);
                if (undo != null) {
                    undo.record(restoreGroup, null, key, g, 0);
                }
                stateSize -= g.stateSize();
            } else {
                try {
                    now = g.output(key);
                } catch (RuntimeException ex) {
                    throw new RowFailure(key, ex);
                }
            }
            if (old != null) {
                out.add(old, -1);
            }
            if (now != null) {
                out.add(now, 1);
            }
            work.inc();
        }
        return out.build();
    }

    /**
     * State: [started (BOOLEAN), groups: a Z-set with one row per group, weight 1: the group key's values,
     * the group's row count, then one nested list per call with its accumulator's state]. The groups are
     * frozen in O(shards); their rows are produced when the state is read (encoded).
     */
    @Override
    public OperatorState captureState() {
        CowShardedMap.Frozen<Row, GroupState> frozen = groups.freeze();
        ZSetView view = new ZSetView() {
            @Override
            public long entryCount() {
                return frozen.size();
            }

            @Override
            public void forEach(WeightedRowConsumer c) {
                frozen.forEach((key, g) -> {
                    List<Object> values = new ArrayList<>(key.size() + 1 + calls.length);
                    for (int i = 0; i < key.size(); i++) {
                        values.add(key.get(i));
                    }
                    g.capture(values);
                    c.accept(new ArrayRow(values.toArray()), 1);
                });
            }
        };
        return OperatorState.of(started, view);
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("AGGREGATE", 2);
        started = state.bool(0);
        int k = groupKeys.length;
        state.zset(1).forEach((r, w) -> {
            if (w != 1 || r.size() != k + 1 + calls.length) {
                throw new IllegalArgumentException("aggregate group entry of " + r.size() + " values and weight " + w
                        + ", expected " + (k + 1 + calls.length) + " values and weight 1");
            }
            Object[] values = new Object[r.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            GroupState g = new GroupState(calls);
            g.restore(Arrays.asList(values), k);
            putGroup(new ArrayRow(Arrays.copyOf(values, k)), g);
            stateSize += g.stateSize();
        });
    }

    @Override
    public long stateSize() {
        return stateSize + groups.size();
    }
}
