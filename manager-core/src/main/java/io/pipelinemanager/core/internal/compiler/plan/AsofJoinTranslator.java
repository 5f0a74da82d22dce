package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.operator.AsofJoinOp;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.AsofJoin;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * Translates {@code left [LEFT] ASOF JOIN right MATCH_CONDITION (left.t OP right.t) ON left.k = right.k ...}:
 * the ON condition must be a conjunction of equalities between a left and a right column, the match condition
 * one comparison ({@code >=}, {@code >}, {@code <=}, {@code <}) of a left and a right column.
 */
final class AsofJoinTranslator {

    private AsofJoinTranslator() {
    }

    static Node translate(CircuitBuilder builder, AsofJoin join, Node left, Node right) {
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        RexNode remaining = RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
                leftKeys, rightKeys, filterNulls);
        if (!remaining.isAlwaysTrue() || filterNulls.contains(Boolean.FALSE)) {
            throw new UnsupportedPlanException("the ON condition of an ASOF join must be equalities of left and right columns");
        }
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        if (!(join.getMatchCondition() instanceof RexCall match) || match.getOperands().size() != 2
                || !(match.getOperands().get(0) instanceof RexInputRef a)
                || !(match.getOperands().get(1) instanceof RexInputRef b)
                || (a.getIndex() < leftWidth) == (b.getIndex() < leftWidth)) {
            throw new UnsupportedPlanException("the MATCH_CONDITION of an ASOF join must compare a left and a right column");
        }
        boolean flipped = a.getIndex() >= leftWidth;
        int leftColumn = flipped ? b.getIndex() : a.getIndex();
        int rightColumn = (flipped ? a.getIndex() : b.getIndex()) - leftWidth;
        AsofJoinOp.Comparison comparison = switch (flipped ? match.getKind().reverse() : match.getKind()) {
            case GREATER_THAN_OR_EQUAL -> AsofJoinOp.Comparison.GREATER_EQUAL;
            case GREATER_THAN -> AsofJoinOp.Comparison.GREATER;
            case LESS_THAN_OR_EQUAL -> AsofJoinOp.Comparison.LESS_EQUAL;
            case LESS_THAN -> AsofJoinOp.Comparison.LESS;
            default -> throw new UnsupportedPlanException("the MATCH_CONDITION of an ASOF join must be one of >=, >, <=, <");
        };
        boolean outer = join.getJoinType() == JoinRelType.LEFT_ASOF;
        if (!outer && join.getJoinType() != JoinRelType.ASOF) {
            throw new UnsupportedPlanException(join.getJoinType() + " joins are not supported");
        }
        return builder.asofJoin(left, right, ints(leftKeys), ints(rightKeys), leftColumn, rightColumn, comparison, outer);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
