package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.expr.Expr;

/**
 * How to join: equi-key columns of each side (same length, possibly empty = cross product),
 * optional per-key null-safety (true = IS NOT DISTINCT FROM, NULL matches NULL; default: NULL
 * keys never match) and an optional residual predicate evaluated over the concatenated row
 * (left columns then right columns) that must be TRUE for a pair to match (also for outer,
 * semi and anti joins, where it is part of the ON condition).
 */
public record JoinSpec(JoinType type, int[] leftKeys, int[] rightKeys, boolean[] nullSafe, Expr residual) {

    /** Validating constructor. */
    public JoinSpec {
        if (type == null || leftKeys == null || rightKeys == null || leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("join needs a type and key lists of equal length");
        }
        if (nullSafe != null && nullSafe.length != leftKeys.length) {
            throw new IllegalArgumentException("nullSafe must have one flag per key");
        }
    }

    /** An equi-join without residual and with SQL (null-rejecting) key equality. */
    public static JoinSpec equi(JoinType type, int[] leftKeys, int[] rightKeys) {
        return new JoinSpec(type, leftKeys, rightKeys, null, null);
    }

    /** True when key {@code i} treats NULL = NULL as a match. */
    public boolean isNullSafe(int i) {
        return nullSafe != null && nullSafe[i];
    }
}
