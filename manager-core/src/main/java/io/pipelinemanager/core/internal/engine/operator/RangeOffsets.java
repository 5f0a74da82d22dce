package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Arithmetic of RANGE frame offsets: an ORDER BY value moved by an offset, exactly (integers and decimals
 * as decimals, so nothing overflows) or, for dates and timestamps, by an interval (dates compare as
 * timestamps at midnight, as in PostgreSQL).
 */
final class RangeOffsets {

    private RangeOffsets() {
    }

    /** {@code value} ± {@code offset}; null when the result is beyond the representable range. */
    static Object shift(Object value, Object offset, SqlType offsetType, boolean subtract) {
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) comparable(value);
            long amount = subtract ? -(Long) offset : (Long) offset;
            try {
                return offsetType != null && offsetType.kind() == TypeKind.INTERVAL_YEAR_MONTH
                        ? t.plusMonths(amount) : t.plus(amount, ChronoUnit.MILLIS);
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
        }
        if (value instanceof Double d) {
            double o = ((Number) offset).doubleValue();
            return subtract ? d - o : d + o;
        }
        BigDecimal v = decimal(value);
        BigDecimal o = decimal(offset);
        return subtract ? v.subtract(o) : v.add(o);
    }

    /** The value as compared with a shifted one (a date as the timestamp of its midnight). */
    static Object comparable(Object value) {
        return value instanceof LocalDate d ? d.atStartOfDay() : value;
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal bd) {
            return bd;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        throw new IllegalArgumentException("not a RANGE frame value: " + v);
    }
}
