package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Translates GROUP BY aggregates. A single grouping set is one aggregate operator; several
 * grouping sets (ROLLUP, CUBE, GROUPING SETS) become a union of one aggregate per set, each
 * padded with NULLs for the keys it does not group by and with constants for GROUPING().
 */
final class AggregateTranslator {

    private AggregateTranslator() {
    }

    /** The node computing {@code aggregate} over {@code input}. */
    static Node translate(CircuitBuilder builder, Aggregate aggregate, Node input) {
        if (aggregate.getGroupSets().size() == 1) {
            if (aggregate.getAggCallList().stream().noneMatch(AggregateTranslator::isConstant)) {
                return builder.aggregate(input, aggregate.getGroupSet().toArray(), calls(aggregate.getAggCallList()));
            }
            if (aggregate.getGroupSet().isEmpty()) {
                throw new UnsupportedPlanException("LITERAL_AGG without GROUP BY is not supported");
            }
            return groupingSet(builder, aggregate, input, aggregate.getGroupSet());
        }
        List<Node> parts = new ArrayList<>();
        for (ImmutableBitSet set : aggregate.getGroupSets()) {
            parts.add(groupingSet(builder, aggregate, input, set));
        }
        return builder.unionAll(parts);
    }

    private static Node groupingSet(CircuitBuilder builder, Aggregate aggregate, Node input, ImmutableBitSet set) {
        List<AggregateCall> plain = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (!isConstant(call)) {
                plain.add(call);
            }
        }
        Node partial = builder.aggregate(input, set.toArray(), calls(plain));
        RelDataType rowType = aggregate.getRowType();
        List<Integer> allKeys = aggregate.getGroupSet().asList();
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < allKeys.size(); i++) {
            SqlType type = TypeMapper.map(rowType.getFieldList().get(i).getType());
            int position = set.indexOf(allKeys.get(i));
            out.add(position >= 0 ? new InputRef(position, type) : Exprs.literal(null, type.asNullable()));
        }
        int next = set.cardinality();
        for (AggregateCall call : aggregate.getAggCallList()) {
            SqlType type = TypeMapper.map(call.getType());
            if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                out.add(Exprs.literal(LiteralConverter.value((RexLiteral) call.rexList.get(0), type), type));
            } else if (isGrouping(call)) {
                out.add(Exprs.literal(groupingValue(call, set), type));
            } else {
                out.add(new InputRef(next++, type));
            }
        }
        return builder.map(partial, out);
    }

    /** Calls whose value per group is a constant: GROUPING(...) and Calcite's LITERAL_AGG (from NOT IN). */
    private static boolean isConstant(AggregateCall call) {
        return isGrouping(call) || call.getAggregation().getKind() == SqlKind.LITERAL_AGG;
    }

    private static boolean isGrouping(AggregateCall call) {
        SqlKind kind = call.getAggregation().getKind();
        return kind == SqlKind.GROUPING || kind == SqlKind.GROUP_ID;
    }

    private static Object groupingValue(AggregateCall call, ImmutableBitSet set) {
        if (call.getAggregation().getKind() == SqlKind.GROUP_ID) {
            throw new UnsupportedPlanException("GROUP_ID() is not supported");
        }
        long value = 0;
        for (int arg : call.getArgList()) {
            value = (value << 1) | (set.get(arg) ? 0 : 1);
        }
        return value;
    }

    private static List<AggCall> calls(List<AggregateCall> calls) {
        List<AggCall> out = new ArrayList<>();
        for (AggregateCall call : calls) {
            out.add(call(call));
        }
        return out;
    }

    /** The engine aggregate call for a Calcite one (also used for window aggregates). */
    static AggCall call(AggregateCall call) {
        AggKind kind;
        try {
            kind = AggKind.fromName(call.getAggregation().getKind() == SqlKind.OTHER_FUNCTION
                    ? call.getAggregation().getName() : call.getAggregation().getKind().name());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedPlanException("aggregate function " + call.getAggregation().getName()
                    + " is not supported", call.getAggregation().getName());
        }
        int arity = kind == AggKind.STRING_AGG ? 2 : 1;
        if (kind != AggKind.COUNT && call.getArgList().size() != arity) {
            throw new UnsupportedPlanException(kind + " with " + call.getArgList().size() + " arguments");
        }
        List<AggCall.AggOrder> order = new ArrayList<>();
        if (call.hasCollation() && !call.getCollation().getFieldCollations().isEmpty()) {
            if (kind != AggKind.STRING_AGG && kind != AggKind.ARRAY_AGG) {
                throw new UnsupportedPlanException("ordered aggregate calls (WITHIN GROUP, ORDER BY) are supported"
                        + " for STRING_AGG and ARRAY_AGG only");
            }
            for (RelFieldCollation c : call.getCollation().getFieldCollations()) {
                boolean descending = c.getDirection().isDescending();
                // PostgreSQL's default: NULLS LAST ascending, NULLS FIRST descending.
                boolean nullsFirst = c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED ? descending
                        : c.nullDirection == RelFieldCollation.NullDirection.FIRST;
                order.add(new AggCall.AggOrder(c.getFieldIndex(), descending, nullsFirst));
            }
        }
        int[] args = call.getArgList().stream().mapToInt(Integer::intValue).toArray();
        return new AggCall(kind, args, call.isDistinct(), call.filterArg, TypeMapper.map(call.getType()), order);
    }
}
