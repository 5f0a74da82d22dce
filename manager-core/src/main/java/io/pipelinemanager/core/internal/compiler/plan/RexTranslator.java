package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.expr.Fn;
import io.pipelinemanager.core.internal.engine.expr.InputRef;
import io.pipelinemanager.core.internal.engine.expr.RowFns;
import io.pipelinemanager.core.internal.engine.expr.ToCharFormat;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.apache.calcite.sql.type.SqlTypeUtil;

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
        if (node instanceof RexFieldAccess access && !(access.getReferenceExpr() instanceof RexCorrelVariable)) {
            // (r).f and t.r.f on a ROW value.
            return new RowFns.FieldAccess(translate(access.getReferenceExpr()), access.getField().getIndex(),
                    TypeMapper.map(access.getType()));
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

    /** The builder of the plan's expressions. */
    RexBuilder rexBuilder() {
        return rexBuilder;
    }

    private Expr call(RexCall call) {
        if (TemporalFilters.isClock(call)) {
            throw TemporalFilters.refused(call);
        }
        if (call.getKind() == SqlKind.SEARCH) {
            return translate(RexUtil.expandSearch(rexBuilder, null, call));
        }
        SqlType type = TypeMapper.map(call.getType());
        String fn = functionName(call);
        List<Expr> args = translate(call.getOperands());
        if (!KEEPS_CHAR_PADDING.contains(call.getKind())) {
            boolean bpcharComparison = BPCHAR_COMPARISONS.contains(call.getKind())
                    && call.getOperands().stream().anyMatch(BpcharComparisons::isBpchar);
            args = withoutCharPadding(call.getOperands(), args, bpcharComparison);
            if (type.kind() == TypeKind.CHAR && call.getKind() != SqlKind.CAST) {
                // A string function of CHAR values returns text in PostgreSQL: no padding.
                type = SqlType.varchar(type.precision()).withNullable(type.nullable());
            }
        }
        return Exprs.call(fn, type, args);
    }

    /** SQL's functions written without parentheses, whose names are reserved words. */
    private static final Set<String> NILADIC = Set.of("USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER",
            "CURRENT_ROLE", "CURRENT_PATH", "CURRENT_CATALOG", "CURRENT_SCHEMA");

    /** Calls that take CHAR(n) values as they are (the value keeps its padding). */
    private static final Set<SqlKind> KEEPS_CHAR_PADDING = EnumSet.of(SqlKind.CASE, SqlKind.COALESCE,
            SqlKind.NULLIF, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.REINTERPRET, SqlKind.PLUS_PREFIX,
            // PostgreSQL matches patterns against the padded bpchar value ('ab'::char(5) LIKE 'ab' is false).
            SqlKind.LIKE, SqlKind.SIMILAR, SqlKind.RLIKE);

    /** Comparisons that, with a CHAR(n) operand, compare as {@code bpchar}: VARCHAR operands lose trailing blanks too. */
    private static final Set<SqlKind> BPCHAR_COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM);

    /**
     * PostgreSQL's {@code bpchar} rules: trailing blanks of a CHAR(n) value are insignificant. It compares
     * CHAR with CHAR or VARCHAR as if both had their trailing blanks removed, and a CHAR(n) value given to
     * a string function, concatenated or cast to VARCHAR loses them. CHAR(n) operands are therefore
     * stripped of trailing blanks wherever they are consumed (a cast back to CHAR(n) pads again).
     */
    private static List<Expr> withoutCharPadding(List<RexNode> operands, List<Expr> args, boolean allStrings) {
        List<Expr> out = null;
        for (int i = 0; i < args.size(); i++) {
            Expr a = args.get(i);
            boolean strip = allStrings ? a.type().kind().isString() : BpcharComparisons.isBpchar(operands.get(i));
            if (strip) {
                if (out == null) {
                    out = new ArrayList<>(args);
                }
                SqlType text = SqlType.varchar(a.type().precision()).withNullable(a.type().nullable());
                out.set(i, Exprs.call(Fn.RTRIM, text, List.of(a)));
            }
        }
        return out == null ? args : out;
    }

    private static String functionName(RexCall call) {
        if (call.getOperator() instanceof SqlLikeOperator like) {
            boolean ilike = like.getName().endsWith("ILIKE");
            if (call.getKind() == SqlKind.LIKE && ilike) {
                return like.isNegated() ? Fn.NOT_ILIKE.name() : Fn.ILIKE.name();
            }
            if (call.getKind() == SqlKind.RLIKE) {
                return like.isNegated() ? Fn.NOT_RLIKE.name() : Fn.RLIKE.name();
            }
            if (call.getKind() == SqlKind.LIKE) {
                return like.isNegated() ? Fn.NOT_LIKE.name() : Fn.LIKE.name();
            }
            if (call.getKind() == SqlKind.SIMILAR) {
                return like.isNegated() ? Fn.NOT_SIMILAR.name() : Fn.SIMILAR.name();
            }
        }
        if (call.getOperator().getName().equals("STRPOS")) {
            return Fn.STRPOS.name();
        }
        if (call.getOperator().getName().equals("TO_CHAR")) {
            checkToChar(call);
        }
        String kind = call.getKind().name();
        if (Fn.isSupported(kind)) {
            return kind;
        }
        String name = call.getOperator().getName();
        if (Fn.isSupported(name)) {
            return name;
        }
        if (call.getOperands().isEmpty() && NILADIC.contains(name)) {
            // A reserved word the parser read as SQL's function, most likely meant as a column name.
            throw new UnsupportedPlanException(name + " is SQL's built-in " + name.toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " function, which is not supported; to refer to a column named " + name.toLowerCase(Locale.ROOT)
                    + ", write it in double quotes: \"" + name.toLowerCase(Locale.ROOT) + "\"", name);
        }
        throw new UnsupportedPlanException("function or operator " + name + " is not supported", name);
    }

    /** TO_CHAR formats a date or time with a supported constant pattern; anything else is refused here. */
    private static void checkToChar(RexCall call) {
        if (!SqlTypeUtil.isDatetime(call.getOperands().get(0).getType())) {
            throw new UnsupportedPlanException("TO_CHAR of a " + call.getOperands().get(0).getType().getSqlTypeName()
                    + " is not supported (only dates, times and timestamps)", "TO_CHAR");
        }
        if (call.getOperands().size() > 1 && call.getOperands().get(1) instanceof RexLiteral format) {
            try {
                ToCharFormat.parse(format.getValueAs(String.class));
            } catch (IllegalArgumentException e) {
                throw new UnsupportedPlanException(e.getMessage(), "TO_CHAR");
            }
        }
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
        return "an expression of kind " + node.getKind().lowerName.replace('_', ' ') + " is not supported";
    }
}
