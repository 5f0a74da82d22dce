package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;

/**
 * Bilinear inner equi-join: Δ(A⋈B) = ΔA⋈I(B) + I(A)⋈ΔB + ΔA⋈ΔB, computed as ΔA⋈I(B)_old then
 * I(A)_new⋈ΔB over key-indexed traces. Rows with a NULL (null-rejecting) key are never stored.
 */
public final class InnerJoinOp implements Operator {
    private final JoinKeys keys;
    private final IndexedZSet left = new IndexedZSet();
    private final IndexedZSet right = new IndexedZSet();

    /** An inner join per {@code spec}. */
    public InnerJoinOp(JoinSpec spec) {
        this.keys = new JoinKeys(spec);
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSetBuilder out = new ZSetBuilder();
        joinDeltas(keys, left, right, inputs[0], inputs[1], out, work);
        return out.build();
    }

    /** Emits the inner-join delta into {@code out} and integrates both deltas into the traces. */
    static void joinDeltas(JoinKeys keys, IndexedZSet left, IndexedZSet right, ZSet dl, ZSet dr,
                           ZSetBuilder out, Work work) {
        for (int i = 0, n = dl.size(); i < n; i++) {
            Row l = dl.row(i);
            Row k = keys.leftKey(l);
            if (k == null) {
                continue;
            }
            long wl = dl.weightAt(i);
            ZSetBuilder g = right.probe(k);
            if (g != null) {
                work.add(g.size());
                g.forEach((r, wr) -> emit(keys, l, r, Math.multiplyExact(wl, wr), out));
            }
            left.add(k, l, wl, work.undo());
            work.inc();
        }
        for (int i = 0, n = dr.size(); i < n; i++) {
            Row r = dr.row(i);
            Row k = keys.rightKey(r);
            if (k == null) {
                continue;
            }
            long wr = dr.weightAt(i);
            ZSetBuilder g = left.probe(k);
            if (g != null) {
                work.add(g.size());
                g.forEach((l, wl) -> emit(keys, l, r, Math.multiplyExact(wl, wr), out));
            }
            right.add(k, r, wr, work.undo());
            work.inc();
        }
    }

    private static void emit(JoinKeys keys, Row l, Row r, long w, ZSetBuilder out) {
        Row joined = keys.joinIfMatch(l, r);
        if (joined != null) {
            out.add(joined, w);
        }
    }

    /** State: [left trace rows, right trace rows]. */
    @Override
    public OperatorState captureState() {
        return JoinKeys.capture(left, right);
    }

    @Override
    public void restoreState(OperatorState state) {
        keys.restore(state, "JOIN", left, right);
    }

    @Override
    public long stateSize() {
        return left.size() + right.size();
    }
}
