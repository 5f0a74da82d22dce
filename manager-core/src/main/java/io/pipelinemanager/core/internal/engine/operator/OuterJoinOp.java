package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * LEFT/RIGHT/FULL join: the bilinear inner join plus the unmatched rows of the preserved side(s)
 * padded with NULLs. Unmatched rows are maintained per key: a key whose other side changed is
 * recomputed (−old, +new); otherwise only the delta rows are checked against the other side.
 */
public final class OuterJoinOp implements Operator {
    private final JoinKeys keys;
    private final boolean padLeft;
    private final boolean padRight;
    private final Row leftNulls;
    private final Row rightNulls;
    private final IndexedZSet left = new IndexedZSet();
    private final IndexedZSet right = new IndexedZSet();

    /** An outer join per {@code spec}; arities are needed to pad with NULLs. */
    public OuterJoinOp(JoinSpec spec, int leftArity, int rightArity) {
        this.keys = new JoinKeys(spec);
        this.padLeft = spec.type() == JoinType.LEFT || spec.type() == JoinType.FULL;
        this.padRight = spec.type() == JoinType.RIGHT || spec.type() == JoinType.FULL;
        this.leftNulls = Rows.nulls(leftArity);
        this.rightNulls = Rows.nulls(rightArity);
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        ZSet dl = inputs[0];
        ZSet dr = inputs[1];
        ZSetBuilder out = new ZSetBuilder();
        Map<Row, boolean[]> touched = new HashMap<>();
        for (int i = 0; i < dl.size(); i++) {
            Row k = keys.leftKey(dl.row(i));
            if (k == null) {
                if (padLeft) {
                    out.add(Rows.concat(dl.row(i), rightNulls), dl.weightAt(i));
                }
            } else {
                touched.computeIfAbsent(k, x -> new boolean[2])[0] = true;
            }
        }
        for (int i = 0; i < dr.size(); i++) {
            Row k = keys.rightKey(dr.row(i));
            if (k == null) {
                if (padRight) {
                    out.add(Rows.concat(leftNulls, dr.row(i)), dr.weightAt(i));
                }
            } else {
                touched.computeIfAbsent(k, x -> new boolean[2])[1] = true;
            }
        }
        recomputeChangedKeys(touched, out, -1, work);
        InnerJoinOp.joinDeltas(keys, left, right, dl, dr, out, work);
        recomputeChangedKeys(touched, out, 1, work);
        if (padLeft) {
            deltaOnlyRows(dl, true, touched, out, work);
        }
        if (padRight) {
            deltaOnlyRows(dr, false, touched, out, work);
        }
        return out.build();
    }

    /** Keys whose opposite side changed: emit all unmatched rows of the preserved side with {@code sign}. */
    private void recomputeChangedKeys(Map<Row, boolean[]> touched, ZSetBuilder out, long sign, Work work) {
        for (Map.Entry<Row, boolean[]> e : touched.entrySet()) {
            Row k = e.getKey();
            if (padLeft && e.getValue()[1]) {
                emitUnmatched(left.probe(k), right.probe(k), true, sign, out, work);
            }
            if (padRight && e.getValue()[0]) {
                emitUnmatched(right.probe(k), left.probe(k), false, sign, out, work);
            }
        }
    }

    private void emitUnmatched(ZSetBuilder side, ZSetBuilder other, boolean sideIsLeft, long sign,
                               ZSetBuilder out, Work work) {
        if (side == null || (!keys.hasResidual() && other != null && !other.isEmpty())) {
            return;
        }
        work.add(side.size());
        side.forEach((row, w) -> {
            if (!anyMatch(row, other, sideIsLeft, work)) {
                out.add(pad(row, sideIsLeft), sign * w);
            }
        });
    }

    /** Delta rows of a key whose opposite side did not change: unmatched status is decided per row. */
    private void deltaOnlyRows(ZSet delta, boolean isLeft, Map<Row, boolean[]> touched, ZSetBuilder out, Work work) {
        for (int i = 0; i < delta.size(); i++) {
            Row row = delta.row(i);
            Row k = isLeft ? keys.leftKey(row) : keys.rightKey(row);
            if (k == null || touched.get(k)[isLeft ? 1 : 0]) {
                continue;
            }
            ZSetBuilder other = isLeft ? right.probe(k) : left.probe(k);
            if (!anyMatch(row, other, isLeft, work)) {
                out.add(pad(row, isLeft), delta.weightAt(i));
            }
        }
    }

    private boolean anyMatch(Row row, ZSetBuilder other, boolean rowIsLeft, Work work) {
        if (other == null || other.isEmpty()) {
            return false;
        }
        if (!keys.hasResidual()) {
            return true;
        }
        boolean[] found = {false};
        other.forEach((o, w) -> {
            if (!found[0] && w > 0) {
                work.inc();
                found[0] = rowIsLeft ? keys.matches(row, o) : keys.matches(o, row);
            }
        });
        return found[0];
    }

    private Row pad(Row row, boolean isLeft) {
        return isLeft ? Rows.concat(row, rightNulls) : Rows.concat(leftNulls, row);
    }

    /** State: [left trace rows, right trace rows]. */
    @Override
    public OperatorState captureState() {
        return JoinKeys.capture(left, right);
    }

    @Override
    public void restoreState(OperatorState state) {
        keys.restore(state, "OUTER_JOIN", left, right);
    }

    @Override
    public long stateSize() {
        return left.size() + right.size();
    }
}
