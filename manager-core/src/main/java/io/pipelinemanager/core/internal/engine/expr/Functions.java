package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
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
            case LEFT: return Exprs.strict(fn, a, t, v -> PgStrings.left((String) v[0], toLong(v[1])));
            case RIGHT: return Exprs.strict(fn, a, t, v -> PgStrings.right((String) v[0], toLong(v[1])));
            case LPAD:
            case RPAD:
                boolean leftPad = fn == Fn.LPAD;
                return Exprs.strict(fn, a, t, v -> PgStrings.pad((String) v[0], toLong(v[1]),
                        v.length > 2 ? (String) v[2] : " ", leftPad));
            case REVERSE: return Exprs.strict(fn, a, t, v -> PgStrings.reverse((String) v[0]));
            case REPEAT: return Exprs.strict(fn, a, t, v -> PgStrings.repeat((String) v[0], toLong(v[1])));
            case SPLIT_PART:
                return Exprs.strict(fn, a, t, v -> PgStrings.splitPart((String) v[0], (String) v[1], toLong(v[2])));
            case REGEXP_REPLACE:
            case REGEXP_LIKE:
            case REGEXP_MATCH:
                return regexFunction(fn, a, t);
            case INITCAP: return Exprs.strict(fn, a, t, v -> PgStrings.initcap((String) v[0]));
            case MD5: return Exprs.strict(fn, a, t, v -> PgStrings.md5((String) v[0]));
            case CHR: return Exprs.strict(fn, a, t, v -> PgStrings.chr(toLong(v[0])));
            case STRPOS: return Exprs.strict(fn, a, t, v -> Casts.cast(PgStrings.strpos((String) v[0], (String) v[1]), t));
            case STARTS_WITH: return Exprs.strict(fn, a, t, v -> ((String) v[0]).startsWith((String) v[1]));
            case DATE_TRUNC: return Exprs.strict(fn, a, t, v -> DateTimes.dateTrunc((String) v[0], v[1]));
            case MAKE_DATE:
                return Exprs.strict(fn, a, t, v -> DateTimes.makeDate(toLong(v[0]), toLong(v[1]), toLong(v[2])));
            case TO_CHAR:
                return toChar(fn, a, t);
            case RLIKE:
            case NOT_RLIKE:
                return regexMatch(fn, a, t);
            case EXTRACT_NUMERIC:
                return Exprs.strict(fn, a, t, v -> DateTimes.extractNumeric((String) v[0], v[1]));
            default:
                throw new IllegalArgumentException("unsupported function " + fn);
        }
    }

    /**
     * REGEXP_REPLACE(s, pattern, replacement[, flags]) and REGEXP_LIKE(s, pattern[, flags]): a constant pattern
     * with constant flags is compiled once, here, so a bad one is an error when the program compiles.
     */
    private static Expr regexFunction(Fn fn, Expr[] a, SqlType t) {
        boolean replace = fn == Fn.REGEXP_REPLACE;
        int flagsAt = replace ? 3 : 2;
        Expr flags = a.length > flagsAt ? a[flagsAt] : null;
        if (fn == Fn.REGEXP_MATCH) {
            return regexpMatch(fn, a, t, flags);
        }
        if (a[1] instanceof Literal p && p.value() != null
                && (flags == null || (flags instanceof Literal f && f.value() != null))) {
            PgRegex.Flags parsed = PgRegex.flags(flags == null ? "" : (String) ((Literal) flags).value());
            if (!replace && parsed.global()) {
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                        "regexp_like() does not support the \"global\" option");
            }
            java.util.regex.Pattern pattern = PgRegex.compile((String) p.value(), parsed.javaFlags());
            return replace
                    ? Exprs.strict(fn, a, t, v -> PgRegex.replace(pattern, parsed.global(), (String) v[0], (String) v[2]))
                    : Exprs.strict(fn, a, t, v -> pattern.matcher((String) v[0]).find());
        }
        return replace
                ? Exprs.strict(fn, a, t, v -> PgRegex.replace((String) v[0], (String) v[1], (String) v[2],
                        v.length > 3 ? (String) v[3] : ""))
                : Exprs.strict(fn, a, t, v -> PgRegex.like((String) v[0], (String) v[1], v.length > 2 ? (String) v[2] : ""));
    }

    /** REGEXP_MATCH(s, pattern[, flags]): a constant pattern with constant flags is compiled once, here. */
    private static Expr regexpMatch(Fn fn, Expr[] a, SqlType t, Expr flags) {
        if (a[1] instanceof Literal p && p.value() != null
                && (flags == null || (flags instanceof Literal f && f.value() != null))) {
            java.util.regex.Pattern pattern = PgRegex.matchPattern((String) p.value(),
                    flags == null ? "" : (String) ((Literal) flags).value());
            return Exprs.strict(fn, a, t, v -> PgRegex.match(pattern, (String) v[0]));
        }
        return Exprs.strict(fn, a, t, v -> PgRegex.match(PgRegex.matchPattern((String) v[1],
                v.length > 2 ? (String) v[2] : ""), (String) v[0]));
    }

    /** s ~ pattern / s !~ pattern: a constant pattern is compiled once. */
    private static Expr regexMatch(Fn fn, Expr[] a, SqlType t) {
        boolean negated = fn == Fn.NOT_RLIKE;
        if (a[1] instanceof Literal literal && literal.value() != null) {
            java.util.regex.Pattern p = PgRegex.compile((String) literal.value(), 0);
            return Exprs.strict(fn, a, t, v -> p.matcher((String) v[0]).find() != negated);
        }
        // The last pattern seen, with its source text: consecutive rows usually share it.
        java.util.concurrent.atomic.AtomicReference<Object[]> last = new java.util.concurrent.atomic.AtomicReference<>();
        return Exprs.strict(fn, a, t, v -> {
            Object[] cached = last.get();
            if (cached == null || !cached[0].equals(v[1])) {
                cached = new Object[] {v[1], PgRegex.compile((String) v[1], 0)};
                last.set(cached);
            }
            return ((java.util.regex.Pattern) cached[1]).matcher((String) v[0]).find() != negated;
        });
    }

    /** TO_CHAR(datetime, format): a constant format is parsed once (the compiler has checked it). */
    private static Expr toChar(Fn fn, Expr[] a, SqlType t) {
        if (a[1] instanceof Literal literal && literal.value() != null) {
            ToCharFormat format = ToCharFormat.parse((String) literal.value());
            return Exprs.strict(fn, a, t, v -> format.format(v[0]));
        }
        return Exprs.strict(fn, a, t, v -> {
            try {
                return ToCharFormat.parse((String) v[1]).format(v[0]);
            } catch (IllegalArgumentException e) {
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, e.getMessage());
            }
        });
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
