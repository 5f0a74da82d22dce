package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.ConcatView;
import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;

/** Key extraction and pair matching shared by the join operators. */
final class JoinKeys {
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final boolean[] nullRejecting;
    private final Expr residual;
    private final ConcatView view = new ConcatView();

    JoinKeys(JoinSpec spec) {
        this.leftKeys = spec.leftKeys();
        this.rightKeys = spec.rightKeys();
        this.nullRejecting = new boolean[leftKeys.length];
        for (int i = 0; i < leftKeys.length; i++) {
            nullRejecting[i] = !spec.isNullSafe(i);
        }
        this.residual = spec.residual();
    }

    /** The key of a left row, or null when a null-rejecting key column is NULL (never matches). */
    Row leftKey(Row r) {
        return key(r, leftKeys);
    }

    /** The key of a right row, or null when it can never match. */
    Row rightKey(Row r) {
        return key(r, rightKeys);
    }

    private Row key(Row r, int[] cols) {
        if (cols.length == 0) {
            return ArrayRow.EMPTY;
        }
        for (int i = 0; i < cols.length; i++) {
            if (nullRejecting[i] && r.get(cols[i]) == null) {
                return null;
            }
        }
        return Rows.project(r, cols);
    }

    /** The checkpoint state of a join: [left trace rows, right trace rows] (keys are derived from rows). */
    static OperatorState capture(IndexedZSet left, IndexedZSet right) {
        return OperatorState.of(left.snapshot(), right.snapshot());
    }

    /** Loads a state {@link #capture} returned into empty traces, re-deriving every row's key. */
    void restore(OperatorState state, String operator, IndexedZSet left, IndexedZSet right) {
        state.expect(operator, 2);
        state.zset(0).forEach((r, w) -> left.add(keyOrFail(leftKey(r), r), r, w));
        state.zset(1).forEach((r, w) -> right.add(keyOrFail(rightKey(r), r), r, w));
    }

    private static Row keyOrFail(Row key, Row row) {
        if (key == null) {
            throw new IllegalArgumentException("a join trace cannot hold a row with a NULL key: " + row);
        }
        return key;
    }

    /** True when there is no residual predicate. */
    boolean hasResidual() {
        return residual != null;
    }

    /** The joined row of a pair if the residual accepts it, else null. */
    Row joinIfMatch(Row left, Row right) {
        return matches(left, right) ? Rows.concat(left, right) : null;
    }

    /** True when the pair satisfies the residual (always true without one); evaluated without copying. */
    boolean matches(Row left, Row right) {
        if (residual == null) {
            return true;
        }
        try {
            return residual.eval(view.of(left, right)) == Boolean.TRUE;
        } catch (RuntimeException e) {
            throw new RowFailure(Rows.concat(left, right), e);
        }
    }
}
