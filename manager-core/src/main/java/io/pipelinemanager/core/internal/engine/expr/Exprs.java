package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.type.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * Factory of expressions. {@link #call(String, SqlType, List)} is the generic entry point for the
 * compiler (names per {@link Fn}); typed helpers exist for the common cases.
 */
public final class Exprs {
    private static final SqlType BOOL = SqlType.bool();

    private Exprs() {
    }

    /** Input column {@code index} of type {@code type}. */
    public static Expr ref(int index, SqlType type) {
        return new InputRef(index, type);
    }

    /** A literal; {@code value} is normalised to the engine representation of {@code type}. */
    public static Expr literal(Object value, SqlType type) {
        return new Literal(Values.normalize(value, type), value == null ? type.asNullable() : type);
    }

    /** A NULL literal of {@code type}. */
    public static Expr nullLiteral(SqlType type) {
        return new Literal(null, type.asNullable());
    }

    /** CAST(e AS type). */
    public static Expr cast(Expr e, SqlType type) {
        return new CastExpr(e, type);
    }

    /** Three-valued AND. */
    public static Expr and(Expr... es) {
        return new AndExpr(es, BOOL.withNullable(anyNullable(es)));
    }

    /** Three-valued OR. */
    public static Expr or(Expr... es) {
        return new OrExpr(es, BOOL.withNullable(anyNullable(es)));
    }

    /** Three-valued NOT. */
    public static Expr not(Expr e) {
        return new NotExpr(e, BOOL.withNullable(e.type().nullable()));
    }

    /** A comparison or IS [NOT] DISTINCT FROM ({@code op} one of the comparison {@link Fn}s). */
    public static Expr compare(Fn op, Expr a, Expr b) {
        boolean nullSafe = op == Fn.IS_DISTINCT_FROM || op == Fn.IS_NOT_DISTINCT_FROM;
        return new CompareExpr(op, a, b, BOOL.withNullable(!nullSafe && anyNullable(a, b)));
    }

    /** a = b. */
    public static Expr eq(Expr a, Expr b) {
        return compare(Fn.EQUALS, a, b);
    }

    /** Binary arithmetic with the given result type. */
    public static Expr arith(Fn op, Expr a, Expr b, SqlType resultType) {
        return new Arith(op, a, b, resultType);
    }

    /** {@code e IN (values)} over constants (engine values; NULL allowed). */
    public static Expr in(Expr e, List<?> values) {
        List<Object> norm = new ArrayList<>();
        for (Object v : values) {
            norm.add(Values.normalize(v, e.type()));
        }
        return new InListExpr(e, norm, BOOL.withNullable(e.type().nullable() || norm.contains(null)));
    }

    /** Searched CASE: whens[i] → thens[i], else {@code otherwise} (null: ELSE NULL). */
    public static Expr caseWhen(List<Expr> whens, List<Expr> thens, Expr otherwise, SqlType type) {
        return new CaseExpr(whens.toArray(new Expr[0]), thens.toArray(new Expr[0]), otherwise, type);
    }

    /** Simple CASE value WHEN c1 THEN r1 ...: expanded to a searched CASE on value = ci. */
    public static Expr simpleCase(Expr value, List<Expr> cases, List<Expr> thens, Expr otherwise, SqlType type) {
        List<Expr> whens = new ArrayList<>();
        for (Expr c : cases) {
            whens.add(eq(value, c));
        }
        return caseWhen(whens, thens, otherwise, type);
    }

    /** Generic call by {@link Fn} name or alias, with the Calcite-inferred result type. */
    public static Expr call(String function, SqlType resultType, List<Expr> args) {
        return call(Fn.lookup(function), resultType, args);
    }

    /**
     * Calls that are not strict (a NULL argument does not make the result NULL, or arguments are evaluated only
     * when reached); every other {@link Fn} is strict.
     */
    private static final java.util.Set<Fn> NOT_STRICT = java.util.EnumSet.of(Fn.AND, Fn.OR, Fn.IS_NULL, Fn.IS_NOT_NULL,
            Fn.IS_TRUE, Fn.IS_NOT_TRUE, Fn.IS_FALSE, Fn.IS_NOT_FALSE, Fn.IS_UNKNOWN, Fn.IS_NOT_UNKNOWN,
            Fn.IS_DISTINCT_FROM, Fn.IS_NOT_DISTINCT_FROM, Fn.CASE, Fn.COALESCE, Fn.NULLIF, Fn.CONCAT_IGNORE_NULLS,
            Fn.CONCAT_WS, Fn.ARRAY_VALUE_CONSTRUCTOR, Fn.ROW, Fn.MAP_VALUE_CONSTRUCTOR, Fn.REINTERPRET, Fn.PLUS_PREFIX);

    /**
     * Generic call by {@link Fn}. A strict call with a NULL literal argument is the NULL literal, its other
     * arguments never evaluated: PostgreSQL folds it so when it plans the query ({@code x * y = NULL} is NULL even
     * where {@code x * y} overflows).
     */
    public static Expr call(Fn fn, SqlType type, List<Expr> args) {
        Expr[] a = args.toArray(new Expr[0]);
        if (!NOT_STRICT.contains(fn)) {
            for (Expr e : a) {
                if (e instanceof Literal l && l.value() == null) {
                    return nullLiteral(type);
                }
            }
        }
        switch (fn) {
            case AND: return new AndExpr(a, type);
            case OR: return new OrExpr(a, type);
            case NOT: return new NotExpr(arg(a, 0, fn), type);
            case IS_NULL: case IS_NOT_NULL: case IS_TRUE: case IS_NOT_TRUE: case IS_FALSE:
            case IS_NOT_FALSE: case IS_UNKNOWN: case IS_NOT_UNKNOWN:
                return new TestExpr(fn, arg(a, 0, fn), type);
            case EQUALS: case NOT_EQUALS: case LESS_THAN: case LESS_THAN_OR_EQUAL: case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL: case IS_DISTINCT_FROM: case IS_NOT_DISTINCT_FROM:
                return new CompareExpr(fn, arg(a, 0, fn), arg(a, 1, fn), type);
            case PLUS: case MINUS: case TIMES: case DIVIDE: case MOD: case DATETIME_PLUS: case MINUS_DATE:
                return binaryArith(fn, a, type);
            case MINUS_PREFIX:
                return strict(fn, a, type, v -> MathFns.negate(v[0], type));
            case PLUS_PREFIX:
            case REINTERPRET:
                return arg(a, 0, fn);
            case CAST:
                return new CastExpr(arg(a, 0, fn), type);
            case CASE:
                return searchedCase(a, type);
            case COALESCE:
                return new CoalesceExpr(a, type);
            case NULLIF:
                return new NullIfExpr(arg(a, 0, fn), arg(a, 1, fn), type);
            case LIKE:
            case NOT_LIKE:
                return new LikeExpr(arg(a, 0, fn), arg(a, 1, fn), a.length > 2 ? a[2] : null, fn == Fn.NOT_LIKE);
            case CONCAT_IGNORE_NULLS:
                return new ConcatIgnoringNulls(a, type);
            case CONCAT_WS:
                return new ConcatWs(a, type);
            case ARRAY_VALUE_CONSTRUCTOR:
                return new ArrayFns.Constructor(a, type);
            case ITEM:
                if (arg(a, 0, fn).type().kind() == TypeKind.VARIANT) {
                    return strict(fn, a, type, v -> VariantFns.item(v[0], v[1]));
                }
                return strict(fn, a, type, v -> v[0] instanceof MapValue m ? MapFns.get(m, v[1]) : ArrayFns.item(v[0], v[1]));
            case PARSE_JSON:
                return strict(fn, a, type, v -> VariantFns.parseJson(v[0]));
            case TO_JSON:
                return strict(fn, a, type, v -> VariantFns.toJson(v[0]));
            case TYPEOF:
                return strict(fn, a, type, v -> VariantFns.typeOf(v[0]));
            case VARIANTNULL:
                return literal(Variant.JSON_NULL, type);
            case CARDINALITY:
                return strict(fn, a, type, v -> Casts.cast(v[0] instanceof MapValue m ? (long) m.size()
                        : ArrayFns.cardinality(v[0]), type));
            case ROW:
                return new RowFns.Constructor(a, type);
            case MAP_VALUE_CONSTRUCTOR:
                return new MapFns.Constructor(a, type);
            case MAP_KEYS:
                return strict(fn, a, type, v -> MapFns.keys(v[0]));
            case MAP_VALUES:
                return strict(fn, a, type, v -> MapFns.values(v[0]));
            case ILIKE:
            case NOT_ILIKE:
                return new LikeExpr(arg(a, 0, fn), arg(a, 1, fn), a.length > 2 ? a[2] : null, fn == Fn.NOT_ILIKE,
                        LikeExpr.Syntax.ILIKE);
            case SIMILAR:
            case NOT_SIMILAR:
                return new LikeExpr(arg(a, 0, fn), arg(a, 1, fn), a.length > 2 ? a[2] : null, fn == Fn.NOT_SIMILAR,
                        LikeExpr.Syntax.SIMILAR);
            default:
                return Functions.strictCall(fn, a, type);
        }
    }

    private static Expr binaryArith(Fn fn, Expr[] a, SqlType type) {
        if (a.length != 2) {
            throw new IllegalArgumentException(fn + " takes two arguments");
        }
        Fn op = fn == Fn.DATETIME_PLUS ? Fn.PLUS : fn == Fn.MINUS_DATE ? Fn.MINUS : fn;
        return new Arith(op, a[0], a[1], type);
    }

    private static Expr searchedCase(Expr[] a, SqlType type) {
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        int pairs = a.length / 2;
        for (int i = 0; i < pairs; i++) {
            whens.add(a[2 * i]);
            thens.add(a[2 * i + 1]);
        }
        Expr otherwise = a.length % 2 == 1 ? a[a.length - 1] : null;
        return caseWhen(whens, thens, otherwise, type);
    }

    static Expr strict(Fn fn, Expr[] a, SqlType type, StrictCall.Body body) {
        return new StrictCall(fn.name(), a, body, type);
    }

    static Expr arg(Expr[] a, int i, Fn fn) {
        if (i >= a.length) {
            throw new IllegalArgumentException(fn + " needs at least " + (i + 1) + " arguments");
        }
        return a[i];
    }

    private static boolean anyNullable(Expr... es) {
        for (Expr e : es) {
            if (e.type().nullable() || e.type().kind() == TypeKind.NULL) {
                return true;
            }
        }
        return false;
    }
}
