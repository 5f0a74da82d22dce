package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numeric functions (strict: callers handle NULL). Results are converted to the result type. */
final class MathFns {
    private MathFns() {
    }

    static Object negate(Object v, SqlType type) {
        if (v instanceof Long) {
            long x = (Long) v;
            if (x == Long.MIN_VALUE) {
                throw SqlRuntimeException.overflow(x, type);
            }
            return Casts.cast(-x, type);
        }
        if (v instanceof BigDecimal) {
            return Casts.cast(((BigDecimal) v).negate(), type);
        }
        return Casts.cast(-(Double) v, type);
    }

    static Object abs(Object v, SqlType type) {
        if (v instanceof Long) {
            long x = (Long) v;
            return x < 0 ? negate(v, type) : Casts.cast(x, type);
        }
        if (v instanceof BigDecimal) {
            return Casts.cast(((BigDecimal) v).abs(), type);
        }
        return Casts.cast(Math.abs((Double) v), type);
    }

    static Object sign(Object v, SqlType type) {
        int s;
        if (v instanceof Double) {
            s = (int) Math.signum((Double) v);
        } else {
            s = Casts.toDecimal(v).signum();
        }
        return Casts.cast((long) s, type);
    }

    static Object round(Object v, long digits, SqlType type, RoundingMode mode) {
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d;
            }
            return Casts.cast(new BigDecimal(Double.toString(d)).setScale((int) digits, mode).doubleValue(), type);
        }
        BigDecimal r = Casts.toDecimal(v).setScale((int) digits, mode);
        if (type.kind() == TypeKind.DECIMAL && type.precision() > 0) {
            return Casts.fitDecimal(r, type);
        }
        return Casts.cast(r, type);
    }

    static Object floorCeil(Object v, boolean floor, SqlType type) {
        if (v instanceof Long) {
            return Casts.cast(v, type);
        }
        if (v instanceof Double) {
            return Casts.cast(floor ? Math.floor((Double) v) : Math.ceil((Double) v), type);
        }
        return Casts.cast(((BigDecimal) v).setScale(0, floor ? RoundingMode.FLOOR : RoundingMode.CEILING), type);
    }

    static Object power(Object a, Object b, SqlType type) {
        double r = Math.pow(Casts.toDouble(a), Casts.toDouble(b));
        return Casts.cast(r, type);
    }

    static Object sqrt(Object v, SqlType type) {
        double d = Casts.toDouble(v);
        if (d < 0) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "cannot take square root of a negative number");
        }
        return Casts.cast(Math.sqrt(d), type);
    }

    static Object log(Object v, boolean base10, SqlType type) {
        double d = Casts.toDouble(v);
        if (d <= 0) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "cannot take logarithm of " + v);
        }
        return Casts.cast(base10 ? Math.log10(d) : Math.log(d), type);
    }
}
