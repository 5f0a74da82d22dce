package io.pipelinemanager.core.internal.compiler.plan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL compares a CHAR(n) ({@code bpchar}) value with another string as {@code bpchar}: trailing
 * blanks of both sides are insignificant ({@code 'ab'::char(5) = 'ab '::varchar} is true). This rewrite
 * makes that explicit in the plan, before join conditions are split into keys: each string operand of a
 * comparison that has a CHAR(n) operand is wrapped in {@code TRIM(TRAILING ' ' FROM …)}, so equi-join keys
 * on CHAR columns match as PostgreSQL's do.
 */
public final class BpcharComparisons {

    private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM);

    private BpcharComparisons() {
    }

    /** The plan with CHAR comparisons made blank-insensitive. */
    public static RelNode rewrite(RelNode rel) {
        RexBuilder builder = rel.getCluster().getRexBuilder();
        return rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                return visited.accept(new Shuttle(builder, visited));
            }
        });
    }

    /**
     * A CHAR(n) value, or one Calcite cast from CHAR(n) to VARCHAR to compare it. String literals, CHAR(n)
     * in Calcite, are PostgreSQL's untyped literals: text, blanks significant.
     */
    public static boolean isBpchar(RexNode node) {
        if (node.getType().getSqlTypeName() == SqlTypeName.CHAR) {
            return !(node instanceof org.apache.calcite.rex.RexLiteral);
        }
        return node instanceof RexCall cast && cast.getKind() == SqlKind.CAST
                && cast.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.CHAR;
    }

    /**
     * Whether {@code operand} of an expression of {@code rel} is a CHAR(n) value; for a join, an input
     * reference is followed into a projection below (the converter moves {@code CAST(c AS VARCHAR)} there).
     */
    private static boolean isBpchar(RelNode rel, RexNode operand) {
        if (isBpchar(operand)) {
            return true;
        }
        if (rel instanceof Join join && operand instanceof RexInputRef ref) {
            int leftCount = join.getLeft().getRowType().getFieldCount();
            RelNode input = ref.getIndex() < leftCount ? join.getLeft() : join.getRight();
            int index = ref.getIndex() < leftCount ? ref.getIndex() : ref.getIndex() - leftCount;
            return input instanceof Project project && isBpchar(project.getProjects().get(index));
        }
        return false;
    }

    private static final class Shuttle extends RexShuttle {
        private final RexBuilder builder;
        private final RelNode rel;

        Shuttle(RexBuilder builder, RelNode rel) {
            this.builder = builder;
            this.rel = rel;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexCall visited = (RexCall) super.visitCall(call);
            if (!COMPARISONS.contains(visited.getKind())
                    || visited.getOperands().stream().noneMatch(o -> isBpchar(rel, o))) {
                return visited;
            }
            List<RexNode> operands = new ArrayList<>();
            for (RexNode operand : visited.getOperands()) {
                boolean string = operand.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
                boolean trimmed = operand instanceof RexCall c && c.getKind() == SqlKind.TRIM;
                operands.add(string && !trimmed ? builder.makeCall(SqlStdOperatorTable.TRIM,
                        builder.makeFlag(SqlTrimFunction.Flag.TRAILING), builder.makeLiteral(" "), operand) : operand);
            }
            return visited.clone(visited.getType(), operands);
        }
    }
}
