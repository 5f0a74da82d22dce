package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.expr.Fn;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/** Translates Calcite row expressions ({@link RexNode}) into engine {@link Expr} trees. */
public final class RexTranslator {

    private final RexBuilder rexBuilder;

    /** A translator that expands SEARCH/Sarg calls with the given builder. */
    public RexTranslator(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    /** The engine expression for {@code node}; throws {@link UnsupportedPlanException} for unsupported constructs. */
    public Expr translate(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return new InputRef(ref.getIndex(), TypeMapper.map(ref.getType()));
        }
        if (node instanceof RexLiteral literal && literal.getTypeName() == SqlTypeName.SYMBOL) {
            SqlType text = SqlType.varchar(-1);
            return Exprs.literal(LiteralConverter.value(literal, text), text);
        }
        if (node instanceof RexLiteral literal) {
            SqlType type = TypeMapper.map(literal.getType());
            return Exprs.literal(LiteralConverter.value(literal, type), type);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw new UnsupportedPlanException(describe(node));
    }

    /** Translates every node of a list. */
    public List<Expr> translate(List<RexNode> nodes) {
        List<Expr> out = new ArrayList<>(nodes.size());
        for (RexNode n : nodes) {
            out.add(translate(n));
        }
        return out;
    }

    private Expr call(RexCall call) {
        if (call.getKind() == SqlKind.SEARCH) {
            return translate(RexUtil.expandSearch(rexBuilder, null, call));
        }
        SqlType type = TypeMapper.map(call.getType());
        String fn = functionName(call);
        List<Expr> args = translate(call.getOperands());
        return Exprs.call(fn, type, args);
    }

    private static String functionName(RexCall call) {
        if (call.getOperator() instanceof SqlLikeOperator like && call.getKind() == SqlKind.LIKE) {
            return like.isNegated() ? Fn.NOT_LIKE.name() : Fn.LIKE.name();
        }
        String kind = call.getKind().name();
        if (Fn.isSupported(kind)) {
            return kind;
        }
        String name = call.getOperator().getName();
        if (Fn.isSupported(name)) {
            return name;
        }
        throw new UnsupportedPlanException("function or operator " + name + " is not supported", name);
    }

    private static String describe(RexNode node) {
        if (node instanceof RexDynamicParam) {
            return "query parameters (?) are not supported";
        }
        if (node instanceof RexOver) {
            return "window functions are not supported in this position";
        }
        if (node instanceof RexSubQuery) {
            return "this sub-query could not be turned into a join";
        }
        if (node instanceof RexCorrelVariable || node instanceof RexFieldAccess) {
            return "correlated sub-query that could not be decorrelated";
        }
        return "expression " + node + " is not supported";
    }
}
