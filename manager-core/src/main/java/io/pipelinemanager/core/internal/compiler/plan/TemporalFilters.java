package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.operator.TemporalFilterOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Temporal filters: WHERE conjuncts that compare a row expression with {@code NOW()} (or
 * {@code CURRENT_TIMESTAMP}, {@code LOCALTIMESTAMP}) plus or minus a constant interval, e.g.
 * {@code ts > NOW() - INTERVAL '1' HOUR}, {@code ts <= NOW()}, {@code ts BETWEEN NOW() - INTERVAL '1' DAY AND NOW()}.
 * They become one {@link TemporalFilterOp} after an ordinary filter of the other conjuncts. Any other use of
 * the clock (in a projection, a join condition, {@code NOW() = ts}, {@code NOW() > ts OR x}) is refused where
 * it is written: a view's contents must be a function of its inputs and the passing time that the engine can
 * maintain incrementally, as in Feldera.
 */
final class TemporalFilters {

    /** The functions that read the clock and how a user writes them. */
    private static final Set<String> NOW_FUNCTIONS = Set.of("NOW", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP");
    /** Clock functions refused everywhere (no temporal filter form). */
    private static final Set<String> OTHER_CLOCK_FUNCTIONS = Set.of("CURRENT_DATE", "CURRENT_TIME", "LOCALTIME");

    private TemporalFilters() {
    }

    /** True when {@code call} reads the clock. */
    static boolean isClock(RexCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return NOW_FUNCTIONS.contains(name) || OTHER_CLOCK_FUNCTIONS.contains(name);
    }

    /** The error for a use of the clock that is not a temporal filter. */
    static UnsupportedPlanException refused(RexCall call) {
        String name = call.getOperator().getName();
        return new UnsupportedPlanException(name + " is only supported in a WHERE clause that compares a column "
                + "(or an expression of the row) with NOW() or NOW() plus or minus a constant interval, e.g. "
                + "WHERE ts > NOW() - INTERVAL '1' HOUR (a temporal filter); it cannot be projected, joined on or "
                + "combined with OR", name);
    }

    /** True when {@code node} reads the clock somewhere. */
    static boolean readsClock(RexNode node) {
        boolean[] found = {false};
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (isClock(call)) {
                    found[0] = true;
                    return call;
                }
                return super.visitCall(call);
            }
        });
        return found[0];
    }

    /** The nodes filtering {@code in} on {@code condition}, which reads the clock. */
    static Node translate(CircuitBuilder builder, Node in, RexNode condition, RexTranslator rex) {
        List<RexNode> plain = new ArrayList<>();
        List<TemporalFilterOp.Condition> temporal = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            if (readsClock(conjunct)) {
                temporal.add(condition(conjunct, rex));
            } else {
                plain.add(conjunct);
            }
        }
        Node node = in;
        if (!plain.isEmpty()) {
            node = builder.filter(node, rex.translate(RexUtil.composeConjunction(rex.rexBuilder(), plain)));
        }
        return builder.temporalFilter(node, temporal);
    }

    private static TemporalFilterOp.Condition condition(RexNode conjunct, RexTranslator rex) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2 || comparison(call.getKind()) == null) {
            throw refused(firstClockCall(conjunct));
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        boolean clockRight = readsClock(right);
        if (readsClock(left) == clockRight) {
            throw refused(firstClockCall(conjunct));
        }
        RexNode row = clockRight ? left : right;
        RexNode clock = clockRight ? right : left;
        SqlKind kind = clockRight ? call.getKind() : call.getKind().reverse();
        if (!monotonic(clock)) {
            throw refused(firstClockCall(clock));
        }
        RexNode threshold = clock.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall c) {
                return isClock(c) ? new RexInputRef(0, c.getType()) : super.visitCall(c);
            }
        });
        return new TemporalFilterOp.Condition(rex.translate(row), comparison(kind), rex.translate(threshold));
    }

    /** NOW(), possibly cast, plus or minus constants: grows with the clock. */
    private static boolean monotonic(RexNode clock) {
        if (!(clock instanceof RexCall call)) {
            return false;
        }
        if (isClock(call)) {
            return NOW_FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT));
        }
        List<RexNode> ops = call.getOperands();
        switch (call.getKind()) {
            case CAST:
                return call.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP && monotonic(ops.get(0));
            case PLUS:
                return ops.size() == 2 && (monotonic(ops.get(0)) && ops.get(1) instanceof RexLiteral
                        || monotonic(ops.get(1)) && ops.get(0) instanceof RexLiteral);
            case MINUS:
                return ops.size() == 2 && monotonic(ops.get(0)) && ops.get(1) instanceof RexLiteral;
            default:
                return false;
        }
    }

    private static TemporalFilterOp.Comparison comparison(SqlKind kind) {
        switch (kind) {
            case GREATER_THAN:
                return TemporalFilterOp.Comparison.GREATER;
            case GREATER_THAN_OR_EQUAL:
                return TemporalFilterOp.Comparison.GREATER_OR_EQUAL;
            case LESS_THAN:
                return TemporalFilterOp.Comparison.LESS;
            case LESS_THAN_OR_EQUAL:
                return TemporalFilterOp.Comparison.LESS_OR_EQUAL;
            default:
                return null;
        }
    }

    private static RexCall firstClockCall(RexNode node) {
        RexCall[] found = {null};
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (found[0] == null && isClock(call)) {
                    found[0] = call;
                    return call;
                }
                return super.visitCall(call);
            }
        });
        return found[0];
    }
}
