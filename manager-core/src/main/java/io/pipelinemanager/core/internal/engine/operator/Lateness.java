package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The {@code LATENESS} of one column of an input table: how far out of order its values may arrive. The table's
 * watermark is the largest value the column took in an accepted insert, minus the lateness (never lower than it
 * was); a change whose row has a value below the watermark is late, dropped and counted. A TIMESTAMP or DATE
 * column takes an interval ({@code millis} of a day-time interval, or {@code months} of a year-month one), a
 * numeric column a number ({@code amount}). A DATE watermark is rounded down to a whole day, so a lateness shorter
 * than a day never drops a row of the previous day.
 *
 * @param column the column's position
 * @param kind   the column's type
 * @param millis a day-time interval in milliseconds (TIMESTAMP, DATE)
 * @param months a year-month interval in months (TIMESTAMP, DATE)
 * @param amount a number (numeric columns), null for intervals
 */
public record Lateness(int column, TypeKind kind, long millis, long months, BigDecimal amount) {

    /** Checks the column type against the kind of lateness; both must be non-negative. */
    public Lateness {
        boolean datetime = kind == TypeKind.TIMESTAMP || kind == TypeKind.DATE;
        if (datetime == (amount != null) || !(datetime || kind.isNumeric())) {
            throw new IllegalArgumentException("LATENESS of a " + kind + " column must be "
                    + (datetime ? "an interval" : "a number"));
        }
        if (millis < 0 || months < 0 || (amount != null && amount.signum() < 0)) {
            throw new IllegalArgumentException("LATENESS must not be negative");
        }
    }

    /** The lateness of a TIMESTAMP or DATE column: an interval. */
    public static Lateness ofInterval(int column, TypeKind kind, long millis, long months) {
        return new Lateness(column, kind, millis, months, null);
    }

    /** The lateness of a numeric column: a number. */
    public static Lateness ofNumber(int column, TypeKind kind, BigDecimal amount) {
        return new Lateness(column, kind, 0, 0, amount);
    }

    /**
     * The watermark a column value implies: {@code value - lateness} in the column's type, or null when the value
     * is NULL or the subtraction leaves the type's range (then nothing is late yet).
     */
    public Object watermark(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (kind) {
                case TIMESTAMP -> ((LocalDateTime) value).minusMonths(months).minusNanos(Math.multiplyExact(millis, 1_000_000L));
                case DATE -> ((LocalDate) value).atStartOfDay().minusMonths(months)
                        .minusNanos(Math.multiplyExact(millis, 1_000_000L)).toLocalDate();
                case REAL, DOUBLE -> ((Double) value) - amount.doubleValue();
                case DECIMAL -> ((BigDecimal) value).subtract(amount);
                default -> integer(BigDecimal.valueOf((Long) value).subtract(amount));
            };
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private Object integer(BigDecimal v) {
        BigDecimal floor = v.setScale(0, RoundingMode.FLOOR);
        return floor.compareTo(BigDecimal.valueOf(kind.minValue())) < 0 ? null : floor.longValueExact();
    }

    /** True when {@code row value} is below {@code watermark} (a NULL value or watermark is never late). */
    public static boolean isLate(Object value, Object watermark) {
        return value != null && watermark != null && Values.compare(value, watermark) < 0;
    }

    /** The later of two watermarks (either may be null: none yet). */
    public static Object later(Object a, Object b) {
        if (a == null) {
            return b;
        }
        return b == null || Values.compare(a, b) >= 0 ? a : b;
    }
}
