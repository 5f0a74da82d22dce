package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.WeightedRowConsumer;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ORDER BY … OFFSET … FETCH: keeps the integrated input in an ordered index (sort keys, then the
 * whole row as a deterministic tie-break) and, in steps that change the input, recomputes the
 * window [offset, offset+fetch) and emits its difference from the previous window.
 */
public final class TopKOp implements Operator {
    private final long offset;
    private final long fetch;
    private final TreeMap<Row, long[]> index;
    private ZSetBuilder window = new ZSetBuilder();
    private final UndoLog.Undo undoIndex = (t, row, unused, w) -> addToIndex((Row) row, -w);
    private final UndoLog.Undo restoreWindow = (t, old, unused, w) -> window = (ZSetBuilder) old;

    /** A top-k; {@code fetch} &lt; 0 means no limit. */
    public TopKOp(List<SortKey> keys, long offset, long fetch) {
        this.offset = Math.max(0, offset);
        this.fetch = fetch;
        this.index = new TreeMap<>(new RowOrder(keys));
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        if (in.isEmpty()) {
            return ZSet.empty();
        }
        UndoLog undo = work.undo();
        for (int i = 0; i < in.size(); i++) {
            addToIndex(in.row(i), in.weightAt(i));
            if (undo != null) {
                undo.record(undoIndex, null, in.row(i), null, in.weightAt(i));
            }
            work.inc();
        }
        ZSetBuilder next = currentWindow(work);
        ZSetBuilder diff = new ZSetBuilder();
        next.forEach(diff::add);
        window.forEach((r, w) -> diff.add(r, -w));
        if (undo != null) {
            undo.record(restoreWindow, null, window, null, 0);
        }
        window = next;
        return diff.build();
    }

    /** The rows of [offset, offset+fetch) of the index, with their weights. */
    private ZSetBuilder currentWindow(Work work) {
        ZSetBuilder next = new ZSetBuilder();
        long skipped = 0;
        long taken = 0;
        for (Map.Entry<Row, long[]> e : index.entrySet()) {
            if (fetch >= 0 && taken >= fetch) {
                break;
            }
            work.inc();
            long w = e.getValue()[0];
            if (w <= 0) {
                continue;
            }
            long skip = Math.min(w, offset - skipped);
            skipped += skip;
            w -= skip;
            if (w > 0) {
                long take = fetch >= 0 ? Math.min(w, fetch - taken) : w;
                next.add(e.getKey(), take);
                taken += take;
            }
        }
        return next;
    }

    /**
     * State: [the integrated input (the ordered index) as a Z-set]. The current window is derived from it on
     * restore. The capture copies the index (O(rows held), a linear copy of the sorted tree: a TreeMap cannot be
     * frozen per shard).
     */
    @Override
    public OperatorState captureState() {
        TreeMap<Row, long[]> copy = new TreeMap<>(index);
        for (Map.Entry<Row, long[]> e : copy.entrySet()) {
            e.setValue(e.getValue().clone());
        }
        return OperatorState.of(new ZSetView() {
            @Override
            public long entryCount() {
                return copy.size();
            }

            @Override
            public void forEach(WeightedRowConsumer c) {
                copy.forEach((r, cell) -> c.accept(r, cell[0]));
            }
        });
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("TOP_K", 1).zset(0).forEach((r, w) -> index.put(r, new long[] {w}));
        window = currentWindow(new Work());
    }

    private void addToIndex(Row row, long weight) {
        long[] cell = index.get(row);
        if (cell == null) {
            index.put(row, new long[] {weight});
        } else if ((cell[0] += weight) == 0) {
            index.remove(row);
        }
    }

    @Override
    public long stateSize() {
        return index.size();
    }
}
