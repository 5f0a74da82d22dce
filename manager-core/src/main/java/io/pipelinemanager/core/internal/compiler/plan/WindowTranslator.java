package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.expr.Literal;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import io.pipelinemanager.core.internal.engine.operator.WindowCall;
import io.pipelinemanager.core.internal.engine.operator.WindowFrame;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;

/**
 * Translates OVER clauses ({@code LogicalWindow}): one engine window operator per Calcite window
 * group, chained, each appending its function columns to its input's columns. Constant arguments
 * (e.g. {@code LAG(x, 1, 0)}'s default, {@code SUM(1)}) become columns appended before the window
 * operator and dropped after it; offsets and bucket counts must be constants.
 */
final class WindowTranslator {

    private WindowTranslator() {
    }

    /** The chain of window nodes for {@code window} over {@code input}. */
    static Node translate(CircuitBuilder builder, Window window, Node input) {
        Node node = input;
        for (Window.Group group : window.groups) {
            node = group(builder, window, group, node);
        }
        return node;
    }

    private static Node group(CircuitBuilder builder, Window window, Window.Group group, Node node) {
        Context cx = new Context(window, node.arity());
        List<SortKey> order = SortTranslator.keys(group.orderKeys);
        WindowFrame frame = frame(cx, group, order);
        List<WindowCall> calls = new ArrayList<>();
        for (AggregateCall call : group.getAggregateCalls(window)) {
            calls.add(call(cx, call, frame));
        }
        if (!cx.usesConstants) {
            return builder.window(node, group.keys.toArray(), order, calls);
        }
        List<Expr> widened = new ArrayList<>();
        for (int i = 0; i < cx.width; i++) {
            widened.add(new InputRef(i, cx.type(i)));
        }
        for (RexLiteral constant : window.constants) {
            SqlType type = TypeMapper.map(constant.getType());
            widened.add(new Literal(LiteralConverter.value(constant, type), type));
        }
        Node windowed = builder.window(builder.map(node, widened), group.keys.toArray(), order, calls);
        List<Expr> narrowed = new ArrayList<>();
        for (int i = 0; i < cx.width; i++) {
            narrowed.add(new InputRef(i, cx.type(i)));
        }
        int after = cx.width + window.constants.size();
        for (int c = 0; c < calls.size(); c++) {
            narrowed.add(new InputRef(after + c, cx.type(cx.width + c)));
        }
        return builder.map(windowed, narrowed);
    }

    /** Column positions of one window group: input columns (and earlier groups' results), then constants. */
    private static final class Context {
        final Window window;
        final int inputWidth;
        final int width;
        boolean usesConstants;

        Context(Window window, int width) {
            this.window = window;
            this.inputWidth = window.getInput().getRowType().getFieldCount();
            this.width = width;
        }

        /** The operator's column for a call argument (constants are appended after the current columns). */
        int column(int arg) {
            if (arg < inputWidth) {
                return arg;
            }
            usesConstants = true;
            return width + arg - inputWidth;
        }

        /** The constant a call argument refers to, or null when it refers to a column. */
        RexLiteral constant(int arg) {
            return arg < inputWidth ? null : window.constants.get(arg - inputWidth);
        }

        SqlType type(int column) {
            List<RelDataTypeField> fields = window.getRowType().getFieldList();
            return TypeMapper.map(fields.get(column).getType());
        }

        SqlType argType(int arg) {
            RelDataTypeField f = arg < inputWidth ? window.getInput().getRowType().getFieldList().get(arg) : null;
            return f != null ? TypeMapper.map(f.getType()) : TypeMapper.map(constant(arg).getType());
        }
    }

    private static WindowCall call(Context cx, AggregateCall call, WindowFrame frame) {
        String name = call.getAggregation().getName();
        if (call.ignoreNulls()) {
            throw new UnsupportedPlanException("IGNORE NULLS is not supported", name);
        }
        List<Integer> args = call.getArgList();
        SqlType resultType = TypeMapper.map(call.getType());
        switch (call.getAggregation().getKind()) {
            case ROW_NUMBER:
                return WindowCall.ranking(WindowCall.Kind.ROW_NUMBER);
            case RANK:
                return WindowCall.ranking(WindowCall.Kind.RANK);
            case DENSE_RANK:
                return WindowCall.ranking(WindowCall.Kind.DENSE_RANK);
            case PERCENT_RANK:
                return WindowCall.ranking(WindowCall.Kind.PERCENT_RANK);
            case CUME_DIST:
                return WindowCall.ranking(WindowCall.Kind.CUME_DIST);
            case NTILE: {
                Long buckets = constantLong(cx, args.get(0), name);
                if (buckets == null) {
                    return WindowCall.nullValue();
                }
                if (buckets <= 0) {
                    throw new UnsupportedPlanException("argument of ntile must be greater than zero", name);
                }
                return WindowCall.ntile(buckets);
            }
            case LAG:
            case LEAD: {
                WindowCall.Kind kind = call.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.LAG
                        ? WindowCall.Kind.LAG : WindowCall.Kind.LEAD;
                Long offset = args.size() > 1 ? constantLong(cx, args.get(1), name) : Long.valueOf(1);
                if (offset == null) {
                    return WindowCall.nullValue();
                }
                int defaultArg = args.size() > 2 ? cx.column(args.get(2)) : -1;
                WindowCall lag = WindowCall.lagLead(kind, cx.column(args.get(0)), offset, defaultArg);
                boolean convert = !sameKind(cx.argType(args.get(0)), resultType)
                        || args.size() > 2 && !sameKind(cx.argType(args.get(2)), resultType);
                return convert ? lag.withResultType(resultType) : lag;
            }
            case FIRST_VALUE:
                return WindowCall.boundaryValue(WindowCall.Kind.FIRST_VALUE, cx.column(args.get(0)), frame);
            case LAST_VALUE:
                return WindowCall.boundaryValue(WindowCall.Kind.LAST_VALUE, cx.column(args.get(0)), frame);
            case NTH_VALUE: {
                Long n = constantLong(cx, args.get(1), name);
                if (n == null) {
                    return WindowCall.nullValue();
                }
                if (n <= 0) {
                    throw new UnsupportedPlanException("argument of nth_value must be greater than zero", name);
                }
                return WindowCall.nthValue(cx.column(args.get(0)), n, frame);
            }
            default:
                if (call.isDistinct()) {
                    throw new UnsupportedPlanException("DISTINCT is not implemented for window functions", name);
                }
                AggCall agg = AggregateTranslator.call(call);
                int[] columns = agg.args().clone();
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = cx.column(columns[i]);
                }
                int filter = agg.filterArg() < 0 ? -1 : cx.column(agg.filterArg());
                return WindowCall.aggregate(new AggCall(agg.kind(), columns, false, filter, agg.resultType()), frame);
        }
    }

    private static boolean sameKind(SqlType a, SqlType b) {
        return a.kind() == b.kind() && (a.kind() != TypeKind.DECIMAL
                || a.precision() == b.precision() && a.scale() == b.scale());
    }

    /** An integer constant argument (null for a NULL constant). */
    private static Long constantLong(Context cx, int arg, String function) {
        RexLiteral literal = cx.constant(arg);
        if (literal == null) {
            throw new UnsupportedPlanException("the arguments of " + function
                    + " other than its value must be constants", function);
        }
        if (literal.isNull()) {
            return null;
        }
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        if (value == null || value.stripTrailingZeros().scale() > 0) {
            throw new UnsupportedPlanException("the arguments of " + function + " must be integers", function);
        }
        return value.longValueExact();
    }

    private static WindowFrame frame(Context cx, Window.Group group, List<SortKey> order) {
        WindowFrame.Bound lower = bound(cx, group, order, group.lowerBound);
        WindowFrame.Bound upper = bound(cx, group, order, group.upperBound);
        WindowFrame.Exclusion exclusion = switch (group.exclude) {
            case EXCLUDE_CURRENT_ROW -> WindowFrame.Exclusion.CURRENT_ROW;
            case EXCLUDE_GROUP -> WindowFrame.Exclusion.GROUP;
            case EXCLUDE_TIES -> WindowFrame.Exclusion.TIES;
            default -> WindowFrame.Exclusion.NO_OTHERS;
        };
        return new WindowFrame(group.isRows, lower, upper, exclusion);
    }

    private static WindowFrame.Bound bound(Context cx, Window.Group group, List<SortKey> order, RexWindowBound b) {
        if (b.isCurrentRow()) {
            return WindowFrame.Bound.currentRow();
        }
        if (b.isUnbounded()) {
            return b.isPreceding() ? WindowFrame.Bound.unboundedPreceding() : WindowFrame.Bound.unboundedFollowing();
        }
        WindowFrame.BoundKind kind = b.isPreceding() ? WindowFrame.BoundKind.PRECEDING : WindowFrame.BoundKind.FOLLOWING;
        RexNode node = b.getOffset();
        if (node instanceof RexInputRef ref && ref.getIndex() >= cx.inputWidth) {
            node = cx.constant(ref.getIndex());
        }
        if (!(node instanceof RexLiteral literal) || literal.isNull()) {
            throw new UnsupportedPlanException("window frame offsets must be constants");
        }
        SqlType offsetType = TypeMapper.map(literal.getType());
        Object offset = LiteralConverter.value(literal, offsetType);
        if (offset instanceof BigDecimal bd && bd.signum() < 0 || offset instanceof Number n && n.doubleValue() < 0) {
            throw new UnsupportedPlanException("invalid preceding or following size in window function");
        }
        if (group.isRows) {
            if (!offsetType.kind().isInteger()) {
                throw new UnsupportedPlanException("ROWS frame offsets must be integers");
            }
            return new WindowFrame.Bound(kind, ((Number) offset).longValue(), null);
        }
        if (order.size() != 1) {
            throw new UnsupportedPlanException("RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }
        SqlType keyType = cx.type(order.get(0).column());
        boolean interval = offsetType.kind().isInterval();
        boolean datetime = keyType.kind() == TypeKind.DATE || keyType.kind() == TypeKind.TIMESTAMP;
        if (!(datetime && interval || keyType.kind().isNumeric() && offsetType.kind().isNumeric())) {
            throw new UnsupportedPlanException("RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
                    + keyType.kind() + " and offset type " + offsetType.kind());
        }
        return new WindowFrame.Bound(kind, offset, offsetType);
    }
}
