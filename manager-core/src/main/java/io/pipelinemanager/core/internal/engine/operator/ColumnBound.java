package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.expr.Arith;
import io.pipelinemanager.core.internal.engine.expr.CastExpr;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Fn;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.expr.Literal;
import io.pipelinemanager.core.internal.engine.expr.StrictCall;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A lower bound of one column of a node's output that holds for every change of the later steps, derived from
 * the watermarks of tables with a {@code LATENESS} column (see {@link Work#watermarks()}): the column is the
 * LATENESS column itself, or a non-decreasing function of it (FLOOR/CEIL to a unit, DATE_TRUNC, a cast between
 * date-time or between numeric types, adding or subtracting a constant, a TUMBLE or HOP window bound). An
 * operator keyed by such a column can discard the state of keys below the bound: no later change reaches them.
 */
@FunctionalInterface
public interface ColumnBound {

    /** The bound under {@code watermarks} (table name → watermark), or null when there is none yet. */
    Object lowest(Map<String, Object> watermarks);

    /** The watermark of {@code table} itself (its LATENESS column). */
    static ColumnBound watermark(String table) {
        return w -> w.get(table);
    }

    /** {@code f} of this bound; {@code f} must be non-decreasing (a failure of {@code f} means no bound). */
    default ColumnBound then(UnaryOperator<Object> f) {
        return w -> {
            Object b = lowest(w);
            if (b == null) {
                return null;
            }
            try {
                return f.apply(b);
            } catch (RuntimeException e) {
                return null;
            }
        };
    }

    /** The bound of every input of a union: the lowest of them, none when one input has none. */
    static ColumnBound min(List<ColumnBound> bounds) {
        if (bounds.isEmpty() || bounds.contains(null)) {
            return null;
        }
        return w -> {
            Object low = null;
            for (ColumnBound b : bounds) {
                Object v = b.lowest(w);
                if (v == null) {
                    return null;
                }
                low = low == null || Values.compare(v, low) < 0 ? v : low;
            }
            return low;
        };
    }

    /**
     * The bound of {@code e} over rows whose columns have {@code inputs} bounds (null entries: none): {@code e}
     * evaluated at the bound when it is a non-decreasing function of one bounded column, else null.
     */
    static ColumnBound through(Expr e, ColumnBound[] inputs) {
        int column = monotoneIn(e);
        if (column < 0 || column >= inputs.length || inputs[column] == null) {
            return null;
        }
        if (e instanceof InputRef) {
            return inputs[column];
        }
        return inputs[column].then(v -> {
            Object[] values = new Object[column + 1];
            values[column] = v;
            return e.eval(new ArrayRow(values));
        });
    }

    /** The one column {@code e} is a non-decreasing function of, or -1 when it is not one. */
    private static int monotoneIn(Expr e) {
        if (e instanceof InputRef r) {
            return r.index();
        }
        if (e instanceof CastExpr c) {
            TypeKind from = c.operand().type().kind();
            TypeKind to = c.type().kind();
            boolean dates = (from == TypeKind.DATE || from == TypeKind.TIMESTAMP)
                    && (to == TypeKind.DATE || to == TypeKind.TIMESTAMP);
            return dates || (from.isNumeric() && to.isNumeric()) ? monotoneIn(c.operand()) : -1;
        }
        if (e instanceof Arith a) {
            if (a.op() == Fn.PLUS && a.left() instanceof Literal) {
                return monotoneIn(a.right());
            }
            return (a.op() == Fn.PLUS || a.op() == Fn.MINUS) && a.right() instanceof Literal ? monotoneIn(a.left()) : -1;
        }
        if (e instanceof StrictCall call) {
            Expr[] args = call.args();
            int monotone = switch (call.name()) {
                case "FLOOR", "CEIL" -> 0;
                case "DATE_TRUNC" -> 1;
                default -> -1;
            };
            if (monotone < 0 || monotone >= args.length) {
                return -1;
            }
            for (int i = 0; i < args.length; i++) {
                if (i != monotone && !(args[i] instanceof Literal)) {
                    return -1;
                }
            }
            return monotoneIn(args[monotone]);
        }
        return -1;
    }
}
