package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SEMI join (left rows with at least one match on the right) and ANTI join (left rows with none).
 * Left rows with a NULL key never match (so ANTI keeps them). A key whose right group changed is
 * recomputed (−old, +new) — without a residual only when the group became empty or non-empty;
 * other left delta rows are checked against the unchanged right group.
 */
public final class SemiJoinOp implements Operator {
    private final JoinKeys keys;
    private final boolean anti;
    private final IndexedZSet left = new IndexedZSet();
    private final IndexedZSet right = new IndexedZSet();

    /** A SEMI or ANTI join per {@code spec}. */
    public SemiJoinOp(JoinSpec spec) {
        if (spec.type() != JoinType.SEMI && spec.type() != JoinType.ANTI) {
            throw new IllegalArgumentException("not a semi/anti join: " + spec.type());
        }
        this.keys = new JoinKeys(spec);
        this.anti = spec.type() == JoinType.ANTI;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet dl = inputs[0];
        ZSet dr = inputs[1];
        ZSetBuilder out = new ZSetBuilder();
        Map<Row, Boolean> existedBefore = new HashMap<>();
        for (int i = 0; i < dr.size(); i++) {
            Row k = keys.rightKey(dr.row(i));
            if (k != null) {
                existedBefore.putIfAbsent(k, right.probe(k) != null);
            }
        }
        Set<Row> recompute = new HashSet<>();
        if (keys.hasResidual()) {
            recompute.addAll(existedBefore.keySet());
            for (Row k : recompute) {
                emitGroup(k, -1, out, work);
            }
        }
        for (int i = 0; i < dr.size(); i++) {
            Row k = keys.rightKey(dr.row(i));
            if (k != null) {
                right.add(k, dr.row(i), dr.weightAt(i), work.undo());
                work.inc();
            }
        }
        if (!keys.hasResidual()) {
            for (Map.Entry<Row, Boolean> e : existedBefore.entrySet()) {
                if ((right.probe(e.getKey()) != null) != e.getValue()) {
                    recompute.add(e.getKey());
                    emitAll(e.getKey(), e.getValue(), -1, out, work);
                }
            }
        }
        for (int i = 0; i < dl.size(); i++) {
            Row l = dl.row(i);
            Row k = keys.leftKey(l);
            if (k == null) {
                if (anti) {
                    out.add(l, dl.weightAt(i));
                }
                continue;
            }
            left.add(k, l, dl.weightAt(i), work.undo());
            work.inc();
            if (!recompute.contains(k) && matched(l, right.probe(k), work) != anti) {
                out.add(l, dl.weightAt(i));
            }
        }
        for (Row k : recompute) {
            emitGroup(k, 1, out, work);
        }
        return out.build();
    }

    /** Emits every left row of {@code k} whose match status against the current right group qualifies. */
    private void emitGroup(Row k, long sign, ZSetBuilder out, Work work) {
        ZSetBuilder g = left.probe(k);
        if (g == null) {
            return;
        }
        ZSetBuilder other = right.probe(k);
        work.add(g.size());
        g.forEach((l, w) -> {
            if (matched(l, other, work) != anti) {
                out.add(l, sign * w);
            }
        });
    }

    /** Without a residual: emits the whole left group of {@code k} if {@code exists} qualifies it. */
    private void emitAll(Row k, boolean exists, long sign, ZSetBuilder out, Work work) {
        ZSetBuilder g = left.probe(k);
        if (g == null || exists == anti) {
            return;
        }
        work.add(g.size());
        g.forEach((l, w) -> out.add(l, sign * w));
    }

    private boolean matched(Row l, ZSetBuilder other, Work work) {
        if (other == null || other.isEmpty()) {
            return false;
        }
        if (!keys.hasResidual()) {
            return true;
        }
        boolean[] found = {false};
        other.forEach((r, w) -> {
            if (!found[0] && w > 0) {
                work.inc();
                found[0] = keys.matches(l, r);
            }
        });
        return found[0];
    }

    /** State: [left trace rows, right trace rows]. */
    @Override
    public OperatorState captureState() {
        return JoinKeys.capture(left, right);
    }

    @Override
    public void restoreState(OperatorState state) {
        keys.restore(state, "SEMI_JOIN", left, right);
    }

    @Override
    public long stateSize() {
        return left.size() + right.size();
    }
}
