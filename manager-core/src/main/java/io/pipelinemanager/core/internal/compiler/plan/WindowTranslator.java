package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.operator.WindowCall;
import io.pipelinemanager.core.internal.engine.operator.WindowFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;

/**
 * Translates OVER clauses ({@code LogicalWindow}): one engine window operator per Calcite window
 * group, chained, each appending its function columns to its input's columns.
 */
final class WindowTranslator {

    private WindowTranslator() {
    }

    /** The chain of window nodes for {@code window} over {@code input}. */
    static Node translate(CircuitBuilder builder, Window window, Node input) {
        Node node = input;
        for (Window.Group group : window.groups) {
            if (group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
                throw new UnsupportedPlanException("window frame EXCLUDE clauses are not supported");
            }
            WindowFrame frame = frame(window, group);
            List<WindowCall> calls = new ArrayList<>();
            for (AggregateCall call : group.getAggregateCalls(window)) {
                calls.add(call(call, frame, window.getInput().getRowType().getFieldCount()));
            }
            node = builder.window(node, group.keys.toArray(), SortTranslator.keys(group.orderKeys), calls);
        }
        return node;
    }

    private static WindowCall call(AggregateCall call, WindowFrame frame, int inputWidth) {
        switch (call.getAggregation().getKind()) {
            case ROW_NUMBER:
                return WindowCall.ranking(WindowCall.Kind.ROW_NUMBER);
            case RANK:
                return WindowCall.ranking(WindowCall.Kind.RANK);
            case DENSE_RANK:
                return WindowCall.ranking(WindowCall.Kind.DENSE_RANK);
            default:
                if (call.isDistinct()) {
                    throw new UnsupportedPlanException("DISTINCT inside OVER is not supported");
                }
                for (int arg : call.getArgList()) {
                    if (arg >= inputWidth) {
                        throw new UnsupportedPlanException("window aggregates of constants are not supported");
                    }
                }
                return WindowCall.aggregate(AggregateTranslator.call(call), frame);
        }
    }

    private static WindowFrame frame(Window window, Window.Group group) {
        RexWindowBound lower = group.lowerBound;
        RexWindowBound upper = group.upperBound;
        if (lower.isFollowing() || upper.isPreceding()) {
            throw new UnsupportedPlanException("window frames starting after or ending before the current row");
        }
        boolean lowerUnbounded = lower.isUnbounded();
        boolean upperUnbounded = upper.isUnbounded();
        long lowerOffset = lowerUnbounded || lower.isCurrentRow() ? 0 : offset(window, lower.getOffset());
        long upperOffset = upperUnbounded || upper.isCurrentRow() ? 0 : offset(window, upper.getOffset());
        if (!group.isRows && (lowerOffset != 0 || upperOffset != 0)) {
            throw new UnsupportedPlanException("RANGE window frames with offsets are not supported");
        }
        return new WindowFrame(group.isRows, lowerUnbounded, lowerOffset, upperUnbounded, upperOffset);
    }

    private static long offset(Window window, RexNode offset) {
        RexNode node = offset;
        if (node instanceof RexInputRef ref) {
            int width = window.getInput().getRowType().getFieldCount();
            node = window.constants.get(ref.getIndex() - width);
        }
        if (node instanceof RexLiteral literal && literal.getValueAs(Long.class) != null) {
            return literal.getValueAs(Long.class);
        }
        throw new UnsupportedPlanException("window frame offsets must be constants");
    }
}
