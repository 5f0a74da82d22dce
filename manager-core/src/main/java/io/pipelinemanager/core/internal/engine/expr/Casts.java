package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.type.Variant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * SQL CAST between engine values. Numeric narrowing is range-checked (overflow is an error);
 * to an integer type, DECIMAL rounds half away from zero and DOUBLE/REAL half to even (as PostgreSQL
 * does), then the range is checked; to DECIMAL(p,s) rounds half-up
 * to s digits and checks p; strings are trimmed when parsed; VARCHAR(n) truncates, CHAR(n) pads.
 */
public final class Casts {
    private Casts() {
    }

    /** CAST(v AS to); NULL stays NULL. */
    public static Object cast(Object v, SqlType to) {
        if (v == null) {
            return null;
        }
        if (v instanceof Variant variant) {
            return VariantFns.cast(variant, to);
        }
        TypeKind k = to.kind();
        if (k.isInteger() || k.isInterval()) {
            return toLong(v, to);
        }
        switch (k) {
            case DECIMAL: return fitDecimal(toDecimal(v), to);
            case DOUBLE: return toDouble(v);
            case REAL: return (double) (float) toDouble(v);
            case CHAR:
            case VARCHAR: return fitString(Texts.toText(v), to);
            case BOOLEAN: return toBoolean(v);
            case DATE: return DateTimes.toDate(v);
            case TIME: return DateTimes.toTime(v);
            case TIMESTAMP: return DateTimes.toTimestamp(v);
            case NULL: return null;
            case ARRAY: return ArrayFns.castElements(v, to);
            case ROW: return RowFns.castFields(v, to);
            case MAP: return MapFns.castEntries(v, to);
            case VARIANT: return VariantFns.fromSql(v, to);
            default: throw new IllegalArgumentException("cannot cast to " + to);
        }
    }

    /**
     * Soft conversion for CASE/COALESCE/NULLIF branches: numbers are converted to the result
     * type's representation (range-checked); other values are returned unchanged.
     */
    public static Object coerce(Object v, SqlType to) {
        if (v instanceof Number && to.kind().isNumeric()) {
            return cast(v, to);
        }
        if (v instanceof java.util.List<?> && to.kind() == TypeKind.ARRAY) {
            return ArrayFns.coerceElements(v, to);
        }
        if (v instanceof RowValue r && to.kind() == TypeKind.ROW) {
            return RowFns.coerceFields(r, to);
        }
        if (v instanceof MapValue m && to.kind() == TypeKind.MAP) {
            return MapFns.coerceEntries(m, to);
        }
        return v;
    }

    /** Converts an exact value to a numeric result type (used by SUM/AVG), with overflow checks. */
    public static Object exactTo(BigDecimal v, SqlType to) {
        TypeKind k = to.kind();
        if (k.isInteger()) {
            return checkRange(v.setScale(0, RoundingMode.DOWN), to);
        }
        if (k == TypeKind.DECIMAL) {
            return fitDecimal(v, to);
        }
        if (k == TypeKind.REAL) {
            return (double) v.floatValue();
        }
        return v.doubleValue();
    }

    /** Checks that a long fits an integer result type. */
    public static long checkRange(long v, SqlType t) {
        TypeKind k = t.kind();
        if (k.isInteger() && (v < k.minValue() || v > k.maxValue())) {
            throw SqlRuntimeException.overflow(v, t);
        }
        return v;
    }

    private static long checkRange(BigDecimal integral, SqlType t) {
        if (integral.compareTo(BigDecimal.valueOf(t.kind().minValue())) < 0
                || integral.compareTo(BigDecimal.valueOf(t.kind().maxValue())) > 0) {
            throw SqlRuntimeException.overflow(integral.toPlainString(), t);
        }
        return integral.longValue();
    }

    private static Object toLong(Object v, SqlType to) {
        if (v instanceof Long) {
            return to.kind().isInteger() ? checkRange((Long) v, to) : (long) (Long) v;
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw SqlRuntimeException.overflow(d, to);
            }
            return checkIntegral(new BigDecimal(to.kind().isInteger() ? Math.rint(d) : d), to);
        }
        if (v instanceof BigDecimal) {
            return checkIntegral((BigDecimal) v, to);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1L : 0L;
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                return checkIntegral(new BigDecimal(s), to);
            } catch (NumberFormatException e) {
                throw invalid(v, to);
            }
        }
        throw invalid(v, to);
    }

    private static long checkIntegral(BigDecimal d, SqlType to) {
        BigDecimal integral = d.setScale(0, to.kind().isInteger() ? RoundingMode.HALF_UP : RoundingMode.DOWN);
        if (!to.kind().isInteger()) {
            return integral.longValueExact();
        }
        return checkRange(integral, to);
    }

    /** Exact BigDecimal of a value (numbers, booleans, numeric strings). */
    static BigDecimal toDecimal(Object v) {
        if (v instanceof Number) {
            return Values.toBigDecimal(v);
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                throw invalid(v, SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, 0));
            }
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        throw invalid(v, SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, 0));
    }

    /** Rounds to the type's scale (half-up) and checks its precision. */
    public static BigDecimal fitDecimal(BigDecimal d, SqlType to) {
        if (to.precision() <= 0) {
            return d;
        }
        BigDecimal r = d.setScale(to.scale(), RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > to.precision() - to.scale() && r.signum() != 0) {
            throw SqlRuntimeException.overflow(d.toPlainString(), to);
        }
        return r;
    }

    /** A value as double (numbers, booleans, numeric strings). */
    static double toDouble(Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                throw invalid(v, SqlType.dbl());
            }
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1.0 : 0.0;
        }
        throw invalid(v, SqlType.dbl());
    }

    private static Object fitString(String s, SqlType to) {
        int n = to.precision();
        if (n < 0) {
            return s;
        }
        if (s.length() > n) {
            return s.substring(0, n);
        }
        if (to.kind() == TypeKind.CHAR && s.length() < n) {
            return s + " ".repeat(n - s.length());
        }
        return s;
    }

    private static Boolean toBoolean(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            return Values.toBigDecimal(v).signum() != 0;
        }
        if (v instanceof String) {
            switch (((String) v).trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true": case "t": case "yes": case "y": case "on": case "1": return Boolean.TRUE;
                case "false": case "f": case "no": case "n": case "off": case "0": return Boolean.FALSE;
                default: throw invalid(v, SqlType.bool());
            }
        }
        throw invalid(v, SqlType.bool());
    }

    /** An INVALID_CAST error. */
    static SqlRuntimeException invalid(Object v, SqlType to) {
        return new SqlRuntimeException(SqlRuntimeException.Code.INVALID_CAST,
                "cannot cast '" + v + "' to " + to.kind());
    }

    /** True for engine datetime values. */
    static boolean isDatetime(Object v) {
        return v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime;
    }
}
