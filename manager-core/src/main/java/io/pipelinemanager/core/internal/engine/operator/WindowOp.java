package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Window functions (OVER): output = input columns ++ one column per call. Keeps the integrated
 * input indexed by partition key and the last output of every partition; a step recomputes only
 * the partitions it touches and emits −old/+new for them.
 */
public final class WindowOp implements Operator {
    private final int[] partitionKeys;
    private final WindowEvaluator evaluator;
    private final IndexedZSet partitions = new IndexedZSet();
    private final HashMap<Row, ZSet> outputs = new HashMap<>();
    private long outputSize;
    private final UndoLog.Undo restoreOutput = (t, key, old, unused) -> {
        if (old == null) {
            outputs.remove(key);
        } else {
            outputs.put((Row) key, (ZSet) old);
        }
    };
    private final UndoLog.Undo restoreOutputSize = (t, a, b, size) -> outputSize = size;

    /** A window operator partitioned by {@code partitionKeys}, ordered by {@code order}. */
    public WindowOp(int[] partitionKeys, List<SortKey> order, List<WindowCall> calls) {
        this.partitionKeys = partitionKeys;
        this.evaluator = new WindowEvaluator(order, calls);
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet in = inputs[0];
        UndoLog undo = work.undo();
        if (undo != null && !in.isEmpty()) {
            undo.record(restoreOutputSize, null, null, null, outputSize);
        }
        Set<Row> touched = new LinkedHashSet<>();
        for (int i = 0; i < in.size(); i++) {
            Row key = Rows.project(in.row(i), partitionKeys);
            partitions.add(key, in.row(i), in.weightAt(i), work.undo());
            touched.add(key);
            work.inc();
        }
        ZSetBuilder out = new ZSetBuilder();
        for (Row key : touched) {
            ZSet old = outputs.remove(key);
            if (old != null && undo != null) {
                undo.record(restoreOutput, null, key, old, 0);
            }
            if (old != null) {
                out.addAll(old, -1);
                outputSize -= old.size();
            }
            ZSetBuilder group = partitions.probe(key);
            if (group != null) {
                ZSet now = evaluator.evaluate(group);
                work.add(group.size());
                outputs.put(key, now);
                if (undo != null) {
                    undo.record(restoreOutput, null, key, null, 0);
                }
                outputSize += now.size();
                out.addAll(now, 1);
            }
        }
        return out.build();
    }

    /**
     * State: [the integrated input rows] (partition keys are derived from rows; each partition's output is
     * recomputed on restore, it is a function of the partition).
     */
    @Override
    public OperatorState captureState() {
        return OperatorState.of(partitions.snapshot());
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("WINDOW", 1).zset(0).forEach((r, w) -> partitions.add(Rows.project(r, partitionKeys), r, w));
        partitions.forEachGroup((key, group) -> {
            ZSet now = evaluator.evaluate(group);
            outputs.put(key, now);
            outputSize += now.size();
        });
    }

    @Override
    public long stateSize() {
        return partitions.size() + outputSize;
    }
}
