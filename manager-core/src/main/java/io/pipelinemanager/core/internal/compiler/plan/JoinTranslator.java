package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.JoinType;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexNode;

/** Splits a join condition into equi-keys (null-rejecting or null-safe) and a residual predicate, and emits the join. */
final class JoinTranslator {

    private JoinTranslator() {
    }

    /** The join node for {@code join} over the translated inputs. */
    static Node translate(CircuitBuilder builder, Join join, Node left, Node right, RexTranslator rex) {
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        RexNode remaining = RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
                leftKeys, rightKeys, filterNulls);
        boolean[] nullSafe = new boolean[filterNulls.size()];
        for (int i = 0; i < nullSafe.length; i++) {
            nullSafe[i] = !filterNulls.get(i);
        }
        Expr residual = remaining.isAlwaysTrue() ? null : rex.translate(remaining);
        JoinSpec spec = new JoinSpec(type(join), ints(leftKeys), ints(rightKeys), nullSafe, residual);
        return builder.join(left, right, spec);
    }

    private static JoinType type(Join join) {
        return switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            default -> throw new UnsupportedPlanException(join.getJoinType() + " joins are not supported");
        };
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
