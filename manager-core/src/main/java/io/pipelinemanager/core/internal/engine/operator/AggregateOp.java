package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GROUP BY aggregation with per-group accumulators. Output rows are the group key columns followed
 * by one column per call. Only groups touched in a step emit −old/+new. Without group keys it is a
 * global aggregate: exactly one output row at all times, emitted at the first step even for empty input.
 * Every change to its state is recorded in the step's undo log: rows added to a group (undone by adding
 * them negated, see {@link GroupState}), groups created and dropped, and the started flag and size.
 */
public final class AggregateOp implements Operator {
    private final int[] groupKeys;
    private final AggCall[] calls;
    private final HashMap<Row, GroupState> groups = new HashMap<>();
    private boolean started;
    private long stateSize;
    private static final UndoLog.Undo UNDO_ADD = (g, row, unused, w) -> ((GroupState) g).add((Row) row, -w);
    private final UndoLog.Undo dropGroup = (t, key, unused, w) -> groups.remove(key);
    private final UndoLog.Undo restoreGroup = (t, key, g, w) -> groups.put((Row) key, (GroupState) g);
    private final UndoLog.Undo restoreScalars = (t, wasStarted, unused, size) -> {
        started = wasStarted != null;
        stateSize = size;
    };

    /** An aggregate over {@code groupKeys} computing {@code calls}. */
    public AggregateOp(int[] groupKeys, AggCall[] calls) {
        this.groupKeys = groupKeys;
        this.calls = calls;
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
        Map<Row, Row> oldOutputs = new LinkedHashMap<>();
        if (!started && global()) {
            GroupState global = new GroupState(calls);
            groups.put(ArrayRow.EMPTY, global);
            if (undo != null) {
                undo.record(dropGroup, null, ArrayRow.EMPTY, null, 0);
            }
            stateSize += global.stateSize();
            oldOutputs.put(ArrayRow.EMPTY, null);
        }
        started = true;
        for (int i = 0, n = in.size(); i < n; i++) {
            Row row = in.row(i);
            Row key = Rows.project(row, groupKeys);
            GroupState g = groups.get(key);
            if (!oldOutputs.containsKey(key)) {
                oldOutputs.put(key, g == null ? null : g.output(key));
            }
            if (g == null) {
                g = new GroupState(calls);
                groups.put(key, g);
                if (undo != null) {
                    undo.record(dropGroup, null, key, null, 0);
                }
                stateSize += g.stateSize();
            }
            long before = g.stateSize();
            g.add(row, in.weightAt(i));
            if (undo != null) {
                undo.record(UNDO_ADD, g, row, null, in.weightAt(i));
            }
            stateSize += g.stateSize() - before;
            work.inc();
        }
        ZSetBuilder out = new ZSetBuilder(oldOutputs.size() * 2);
        for (Map.Entry<Row, Row> e : oldOutputs.entrySet()) {
            Row key = e.getKey();
            GroupState g = groups.get(key);
            Row now = null;
            if (g.isEmpty() && !global()) {
                groups.remove(key);
                if (undo != null) {
                    undo.record(restoreGroup, null, key, g, 0);
                }
                stateSize -= g.stateSize();
            } else {
                now = g.output(key);
            }
            if (e.getValue() != null) {
                out.add(e.getValue(), -1);
            }
            if (now != null) {
                out.add(now, 1);
            }
            work.inc();
        }
        return out.build();
    }

    @Override
    public long stateSize() {
        return stateSize + groups.size();
    }
}
