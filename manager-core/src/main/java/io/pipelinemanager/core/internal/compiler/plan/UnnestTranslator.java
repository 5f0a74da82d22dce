package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Translates {@code UNNEST}: a stand-alone {@code UNNEST(array, ...)} in FROM, and the lateral form
 * {@code t CROSS JOIN UNNEST(t.a)} (a correlate whose right side unnests expressions of the left row), into a
 * flat-map. Several arrays are unnested side by side, as PostgreSQL does: the i-th output row holds the i-th
 * element of each array, NULL for arrays that are shorter; {@code WITH ORDINALITY} adds the 1-based position.
 * A NULL array gives no rows. Linear, so incremental for free.
 */
final class UnnestTranslator {

    private UnnestTranslator() {
    }

    /** A stand-alone UNNEST over the rows of its input (the arrays are the input's columns). */
    static Node uncollect(CircuitBuilder builder, Uncollect uncollect, Node input) {
        List<Expr> arrays = new ArrayList<>();
        List<org.apache.calcite.rel.type.RelDataTypeField> fields = uncollect.getInput().getRowType().getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            arrays.add(new InputRef(i, TypeMapper.map(fields.get(i).getType())));
        }
        return flatMap(builder, input, arrays, false, false, uncollect.withOrdinality,
                uncollect.getRowType().getFieldCount());
    }

    /**
     * A correlate whose right side is UNNEST of expressions over the left row; null when it has another shape
     * (the caller reports it as unsupported).
     */
    static Node correlate(CircuitBuilder builder, Correlate correlate, Function<RelNode, Node> translate,
                          RexTranslator rex) {
        if (!(correlate.getRight() instanceof Uncollect uncollect)
                || !(uncollect.getInput() instanceof Project project)
                || !(project.getInput() instanceof Values values) || values.getTuples().size() != 1
                || (correlate.getJoinType() != JoinRelType.INNER && correlate.getJoinType() != JoinRelType.LEFT)) {
            return null;
        }
        RexShuttle toLeftRow = new RexShuttle() {
            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(correlate.getCorrelationId())) {
                    return new RexInputRef(access.getField().getIndex(), access.getType());
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return values.getTuples().get(0).get(ref.getIndex());
            }
        };
        List<Expr> arrays = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            arrays.add(rex.translate(e.accept(toLeftRow)));
        }
        Node left = translate.apply(correlate.getLeft());
        return flatMap(builder, left, arrays, true, correlate.getJoinType() == JoinRelType.LEFT,
                uncollect.withOrdinality, correlate.getRowType().getFieldCount());
    }

    private static Node flatMap(CircuitBuilder builder, Node input, List<Expr> arrayExprs, boolean keepInput,
                                boolean outer, boolean ordinality, int arity) {
        Expr[] arrays = arrayExprs.toArray(new Expr[0]);
        return builder.flatMap(input, arity, (row, emit) -> {
            List<?>[] values = new List<?>[arrays.length];
            int n = 0;
            for (int i = 0; i < arrays.length; i++) {
                values[i] = (List<?>) arrays[i].eval(row);
                n = Math.max(n, values[i] == null ? 0 : values[i].size());
            }
            int prefix = keepInput ? row.size() : 0;
            for (int k = 0; k < n || (outer && k == 0); k++) {
                Object[] out = new Object[arity];
                for (int c = 0; c < prefix; c++) {
                    out[c] = row.get(c);
                }
                for (int i = 0; i < arrays.length && k < n; i++) {
                    out[prefix + i] = values[i] != null && k < values[i].size() ? values[i].get(k) : null;
                }
                if (ordinality && k < n) {
                    out[prefix + arrays.length] = (long) (k + 1);
                }
                emit.accept(new ArrayRow(out));
            }
        });
    }
}
