package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.expr.Fn;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.expr.TestExpr;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import io.pipelinemanager.core.internal.engine.operator.TimeWindows;
import io.pipelinemanager.core.internal.engine.operator.WindowCall;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates the time-window table functions in the FROM clause, Feldera's (and Calcite's) syntax:
 * {@code TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]))}, {@code HOP(..., slide, size [, offset])}
 * and {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(key, ...), gap)}, each appending
 * {@code window_start} and {@code window_end} to the input's columns. TUMBLE and HOP are linear (a flat-map);
 * SESSION is a window operator partitioned by the keys that recomputes the sessions of the keys a step touches.
 */
final class TimeWindowTranslator {

    private TimeWindowTranslator() {
    }

    static Node translate(CircuitBuilder builder, TableFunctionScan scan, List<Node> inputs) {
        if (!(scan.getCall() instanceof RexCall call) || inputs.size() != 1) {
            throw new UnsupportedPlanException("this table function is not supported");
        }
        Node input = inputs.get(0);
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> operands = call.getOperands();
        int timeColumn = descriptor(operands.get(0), name).get(0);
        switch (name) {
            case "TUMBLE": {
                long size = interval(operands.get(1), name, true);
                long offset = operands.size() > 2 ? interval(operands.get(2), name, false) : 0;
                return builder.flatMap(input, input.arity() + 2, TimeWindows.tumble(timeColumn, size, offset), timeColumn,
                        TimeWindows.tumbleBounds(size, offset));
            }
            case "HOP": {
                long slide = interval(operands.get(1), name, true);
                long size = interval(operands.get(2), name, true);
                return builder.flatMap(input, input.arity() + 2, TimeWindows.hop(timeColumn, slide, size,
                        operands.size() > 3 ? interval(operands.get(3), name, false) : 0), timeColumn,
                        TimeWindows.hopBounds(size));
            }
            case "SESSION":
                return session(builder, scan, input, operands, timeColumn);
            default:
                throw new UnsupportedPlanException("table function " + name + " is not supported", name);
        }
    }

    private static Node session(CircuitBuilder builder, TableFunctionScan scan, Node input, List<RexNode> operands,
                                int timeColumn) {
        List<Integer> keys = operands.size() > 2 ? descriptor(operands.get(1), "SESSION") : List.of();
        long gap = interval(operands.get(operands.size() - 1), "SESSION", true);
        SqlType timeType = TypeMapper.map(scan.getInput(0).getRowType().getFieldList().get(timeColumn).getType());
        // rows without a timestamp belong to no session
        Node timed = builder.filter(input, new TestExpr(Fn.IS_NOT_NULL, new InputRef(timeColumn, timeType), SqlType.bool()));
        return builder.window(timed, keys.stream().mapToInt(Integer::intValue).toArray(), List.of(SortKey.asc(timeColumn)),
                List.of(WindowCall.session(WindowCall.Kind.SESSION_START, gap),
                        WindowCall.session(WindowCall.Kind.SESSION_END, gap)));
    }

    private static List<Integer> descriptor(RexNode node, String function) {
        List<Integer> columns = new ArrayList<>();
        if (node instanceof RexCall call && call.getKind() == SqlKind.DESCRIPTOR) {
            for (RexNode operand : call.getOperands()) {
                if (operand instanceof RexInputRef ref) {
                    columns.add(ref.getIndex());
                }
            }
        }
        if (columns.isEmpty()) {
            throw new UnsupportedPlanException(function + " needs DESCRIPTOR(column) arguments", function);
        }
        return columns;
    }

    /** A constant day-time interval in milliseconds ({@code positive}: it must be greater than zero). */
    private static long interval(RexNode node, String function, boolean positive) {
        if (!(node instanceof RexLiteral literal) || literal.isNull()
                || !SqlTypeName.DAY_INTERVAL_TYPES.contains(literal.getTypeName())) {
            throw new UnsupportedPlanException("the sizes, slides and offsets of " + function
                    + " must be constant intervals of days or shorter units", function);
        }
        long millis = literal.getValueAs(Long.class);
        if (positive && millis <= 0) {
            throw new UnsupportedPlanException("the sizes, slides and gaps of " + function + " must be positive", function);
        }
        return millis;
    }
}
