package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Range, precision and length checks that turn a parsed Java value into the engine value of a column type. */
final class ValueChecks {
    private static final int UNBOUNDED_DECIMAL_DIGITS = SqlType.MAX_DECIMAL_PRECISION;

    private ValueChecks() {
    }

    /** An integer (or interval) value, range-checked for integer kinds. */
    static Long integer(long v, SqlType type) throws BadValueException {
        TypeKind k = type.kind();
        if (k.isInteger() && (v < k.minValue() || v > k.maxValue())) {
            throw outOfRange(Long.toString(v), type);
        }
        return v;
    }

    /** An exact number as an integer: it must have no fractional part and fit the type. */
    static Long integer(BigDecimal d, SqlType type) throws BadValueException {
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new BadValueException("value " + d.toPlainString() + " is not an integer (" + type.kind() + ")");
        }
        if (d.precision() - d.scale() > 19) {
            throw outOfRange(d.toString(), type);
        }
        try {
            return integer(d.longValueExact(), type);
        } catch (ArithmeticException e) {
            throw outOfRange(d.toString(), type);
        }
    }

    /** DECIMAL(p,s): rounded half-up to s digits (as PostgreSQL); more than p−s integer digits is an error. */
    static BigDecimal decimal(BigDecimal d, SqlType type) throws BadValueException {
        if (type.precision() <= 0) {
            if (integerDigits(d) > UNBOUNDED_DECIMAL_DIGITS) {
                throw outOfRange(d.toString(), type);
            }
            return d;
        }
        int p = type.precision();
        int s = type.scale();
        if (integerDigits(d) > p - s) {
            throw outOfRange(d.toString(), type);
        }
        BigDecimal r = integerDigits(d) < -s - 1 ? BigDecimal.ZERO.setScale(s) : d.setScale(s, RoundingMode.HALF_UP);
        if (integerDigits(r) > p - s) {
            throw outOfRange(d.toPlainString(), type);
        }
        return r;
    }

    /** Number of digits before the decimal point (may be negative for tiny values). */
    private static int integerDigits(BigDecimal d) {
        return d.signum() == 0 ? 0 : d.precision() - d.scale();
    }

    /** REAL (rounded to float precision) or DOUBLE; non-finite values only when {@code allowNonFinite}. */
    static Double approximate(double v, SqlType type, boolean allowNonFinite) throws BadValueException {
        if (!allowNonFinite && !Double.isFinite(v)) {
            throw outOfRange(Double.toString(v), type);
        }
        if (type.kind() == TypeKind.REAL) {
            float f = (float) v;
            if (Float.isInfinite(f) && !Double.isInfinite(v)) {
                throw outOfRange(Double.toString(v), type);
            }
            return (double) f;
        }
        return v;
    }

    /** CHAR(n)/VARCHAR(n): longer strings are an error (no silent truncation); CHAR(n) is blank-padded to n. */
    static String string(String s, SqlType type) throws BadValueException {
        int n = type.precision();
        if (n < 0) {
            return s;
        }
        int len = s.codePointCount(0, s.length());
        if (len > n) {
            throw new BadValueException("string of length " + len + " is too long for " + type.kind() + "(" + n + ")");
        }
        if (type.kind() == TypeKind.CHAR && len < n) {
            return s + " ".repeat(n - len);
        }
        return s;
    }

    /** The error for a value outside the range of its type. */
    static BadValueException outOfRange(String value, SqlType type) {
        return new BadValueException("value " + value + " out of range for " + type.withNullable(true));
    }
}
