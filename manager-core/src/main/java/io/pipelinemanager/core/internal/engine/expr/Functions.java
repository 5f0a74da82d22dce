package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.RoundingMode;

/** Builds the strict (NULL-in, NULL-out) scalar functions named by {@link Fn}. */
final class Functions {
    private Functions() {
    }

    static Expr strictCall(Fn fn, Expr[] a, SqlType t) {
        switch (fn) {
            case ABS: return Exprs.strict(fn, a, t, v -> MathFns.abs(v[0], t));
            case SIGN: return Exprs.strict(fn, a, t, v -> MathFns.sign(v[0], t));
            case ROUND:
                return Exprs.strict(fn, a, t, v -> MathFns.round(v[0], v.length > 1 ? (Long) Casts.cast(v[1], SqlType.integer()) : 0,
                        t, RoundingMode.HALF_UP));
            case TRUNCATE:
                return Exprs.strict(fn, a, t, v -> MathFns.round(v[0], v.length > 1 ? (Long) Casts.cast(v[1], SqlType.integer()) : 0,
                        t, RoundingMode.DOWN));
            case FLOOR:
            case CEIL:
                boolean floor = fn == Fn.FLOOR;
                return Exprs.strict(fn, a, t, v -> Casts.isDatetime(v[0]) && v.length > 1
                        ? DateTimes.floorCeil(v[0], (String) v[1], floor) : MathFns.floorCeil(v[0], floor, t));
            case POWER: return Exprs.strict(fn, a, t, v -> MathFns.power(v[0], v[1], t));
            case SQRT: return Exprs.strict(fn, a, t, v -> MathFns.sqrt(v[0], t));
            case EXP: return Exprs.strict(fn, a, t, v -> Casts.cast(Math.exp(Casts.toDouble(v[0])), t));
            case LN: return Exprs.strict(fn, a, t, v -> MathFns.log(v[0], false, t));
            case LOG10: return Exprs.strict(fn, a, t, v -> MathFns.log(v[0], true, t));
            case CONCAT: return Exprs.strict(fn, a, t, v -> concat(v, t));
            case UPPER: return Exprs.strict(fn, a, t, v -> StringFns.upper(v[0]));
            case LOWER: return Exprs.strict(fn, a, t, v -> StringFns.lower(v[0]));
            case CHAR_LENGTH: return Exprs.strict(fn, a, t, v -> Casts.cast(StringFns.charLength(v[0]), t));
            case TRIM:
                return Exprs.strict(fn, a, t, v -> StringFns.trim((String) v[0], (String) v[1], (String) v[2]));
            case LTRIM: return Exprs.strict(fn, a, t, v -> StringFns.trim("LEADING", " ", (String) v[0]));
            case RTRIM: return Exprs.strict(fn, a, t, v -> StringFns.trim("TRAILING", " ", (String) v[0]));
            case SUBSTRING:
                return Exprs.strict(fn, a, t, v -> StringFns.substring((String) v[0], toLong(v[1]),
                        v.length > 2 ? toLong(v[2]) : null));
            case POSITION:
                return Exprs.strict(fn, a, t, v -> Casts.cast(StringFns.position((String) v[0], (String) v[1],
                        v.length > 2 ? toLong(v[2]) : 1), t));
            case REPLACE:
                return Exprs.strict(fn, a, t, v -> StringFns.replace((String) v[0], (String) v[1], (String) v[2]));
            case EXTRACT:
                boolean months = a.length > 1 && a[1].type().kind() == TypeKind.INTERVAL_YEAR_MONTH;
                return Exprs.strict(fn, a, t, v -> Casts.cast(DateTimes.extract((String) v[0], v[1], months), t));
            default:
                throw new IllegalArgumentException("unsupported function " + fn);
        }
    }

    private static long toLong(Object v) {
        return (Long) Casts.cast(v, SqlType.bigint());
    }

    private static Object concat(Object[] v, SqlType t) {
        StringBuilder sb = new StringBuilder();
        for (Object o : v) {
            sb.append(Texts.toText(o));
        }
        return t.kind().isString() ? Casts.cast(sb.toString(), t) : sb.toString();
    }
}
