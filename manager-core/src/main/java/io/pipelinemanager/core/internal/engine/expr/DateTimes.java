package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** DATE/TIME/TIMESTAMP conversions, interval arithmetic and EXTRACT. */
public final class DateTimes {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private DateTimes() {
    }

    static LocalDate toDate(Object v) {
        if (v instanceof LocalDate) {
            return (LocalDate) v;
        }
        if (v instanceof LocalDateTime) {
            return ((LocalDateTime) v).toLocalDate();
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                return s.length() > 10 ? toTimestamp(s).toLocalDate() : LocalDate.parse(s);
            } catch (DateTimeParseException | SqlRuntimeException e) {
                throw Casts.invalid(v, SqlType.date());
            }
        }
        throw Casts.invalid(v, SqlType.date());
    }

    static LocalTime toTime(Object v) {
        if (v instanceof LocalTime) {
            return (LocalTime) v;
        }
        if (v instanceof LocalDateTime) {
            return ((LocalDateTime) v).toLocalTime();
        }
        if (v instanceof String) {
            try {
                return LocalTime.parse(((String) v).trim());
            } catch (DateTimeParseException e) {
                throw Casts.invalid(v, SqlType.time());
            }
        }
        throw Casts.invalid(v, SqlType.time());
    }

    static LocalDateTime toTimestamp(Object v) {
        if (v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                if (s.length() <= 10) {
                    return LocalDate.parse(s).atStartOfDay();
                }
                return LocalDateTime.parse(s.replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                throw Casts.invalid(v, SqlType.timestamp());
            }
        }
        throw Casts.invalid(v, SqlType.timestamp());
    }

    /** datetime + interval; {@code months} selects a year-month interval (else milliseconds). */
    static Object plus(Object dt, long amount, boolean months) {
        if (dt instanceof LocalDate) {
            LocalDate d = (LocalDate) dt;
            return months ? d.plusMonths(amount) : d.plusDays(Math.floorDiv(amount, MILLIS_PER_DAY));
        }
        if (dt instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) dt;
            return months ? t.plusMonths(amount) : t.plus(amount, ChronoUnit.MILLIS);
        }
        if (dt instanceof LocalTime) {
            return months ? dt : ((LocalTime) dt).plus(amount, ChronoUnit.MILLIS);
        }
        throw new IllegalArgumentException("not a datetime: " + dt);
    }

    /** a − b as an interval: months (year-month) or milliseconds (day-time). */
    static long difference(Object a, Object b, boolean months) {
        LocalDateTime x = a instanceof LocalTime ? ((LocalTime) a).atDate(LocalDate.EPOCH) : toTimestamp(a);
        LocalDateTime y = b instanceof LocalTime ? ((LocalTime) b).atDate(LocalDate.EPOCH) : toTimestamp(b);
        return months ? ChronoUnit.MONTHS.between(y, x) : ChronoUnit.MILLIS.between(y, x);
    }

    /** EXTRACT(unit FROM v) for DATE, TIME, TIMESTAMP and day-time intervals (milliseconds). */
    static long extract(String unit, Object v, boolean yearMonthInterval) {
        String u = unit.toUpperCase(Locale.ROOT);
        if (v instanceof Long) {
            return extractInterval(u, (Long) v, yearMonthInterval);
        }
        LocalDate d = v instanceof LocalTime ? null : toDate(v);
        LocalTime t = v instanceof LocalDate ? LocalTime.MIDNIGHT : toTime(v);
        switch (u) {
            case "YEAR": return d.getYear();
            case "QUARTER": return (d.getMonthValue() - 1) / 3 + 1;
            case "MONTH": return d.getMonthValue();
            case "WEEK": return d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "DAY": return d.getDayOfMonth();
            case "DOW": return d.getDayOfWeek().getValue() % 7; // PostgreSQL: 0 = Sunday .. 6 = Saturday
            case "ISODOW": return d.getDayOfWeek().getValue();
            case "DOY": return d.getDayOfYear();
            case "ISOYEAR": return d.get(IsoFields.WEEK_BASED_YEAR);
            case "DECADE": return Math.floorDiv(d.getYear(), 10);
            case "CENTURY": return d.getYear() > 0 ? (d.getYear() + 99) / 100 : -((-d.getYear() + 99) / 100);
            case "MILLENNIUM": return d.getYear() > 0 ? (d.getYear() + 999) / 1000 : -((-d.getYear() + 999) / 1000);
            case "HOUR": return t.getHour();
            case "MINUTE": return t.getMinute();
            case "SECOND": return t.getSecond();
            case "MILLISECOND": return t.getSecond() * 1000L + t.getNano() / 1_000_000;
            case "MICROSECOND": return t.getSecond() * 1_000_000L + t.getNano() / 1000;
            case "EPOCH":
                return d == null ? t.toSecondOfDay() : LocalDateTime.of(d, t).toEpochSecond(ZoneOffset.UTC);
            default:
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "unsupported EXTRACT unit " + unit);
        }
    }

    /**
     * PostgreSQL's DATE_TRUNC(unit, value): MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK (to
     * Monday), MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM (case-insensitive, plural forms accepted).
     * A DATE stays a DATE (PostgreSQL answers a timestamp with time zone at midnight).
     */
    static Object dateTrunc(String unit, Object v) {
        LocalDateTime t = toTimestamp(v);
        String u = unit.toUpperCase(Locale.ROOT);
        if (u.endsWith("S") && !u.equals("MICROSECONDS") && !u.equals("MILLISECONDS")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.equals("MILLENNIA")) {
            u = "MILLENNIUM";
        } else if (u.equals("CENTURIE")) {
            u = "CENTURY";
        }
        LocalDate d = t.toLocalDate();
        LocalDateTime r = switch (u) {
            case "MICROSECONDS", "MICROSECOND" -> t.truncatedTo(ChronoUnit.MICROS);
            case "MILLISECONDS", "MILLISECOND" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "SECOND" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "MINUTE" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "HOUR" -> t.truncatedTo(ChronoUnit.HOURS);
            case "DAY" -> d.atStartOfDay();
            case "WEEK" -> d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay();
            case "MONTH" -> d.withDayOfMonth(1).atStartOfDay();
            case "QUARTER" -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "YEAR" -> LocalDate.of(d.getYear(), 1, 1).atStartOfDay();
            case "DECADE" -> LocalDate.of(Math.floorDiv(d.getYear(), 10) * 10, 1, 1).atStartOfDay();
            case "CENTURY" -> LocalDate.of(d.getYear() > 0 ? (d.getYear() - 1) / 100 * 100 + 1
                    : -((-d.getYear()) / 100 * 100) - 99, 1, 1).atStartOfDay();
            case "MILLENNIUM" -> LocalDate.of(d.getYear() > 0 ? (d.getYear() - 1) / 1000 * 1000 + 1
                    : -((-d.getYear()) / 1000 * 1000) - 999, 1, 1).atStartOfDay();
            default -> throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    "unit \"" + unit.toLowerCase(Locale.ROOT) + "\" not recognized for DATE_TRUNC");
        };
        return v instanceof LocalDate ? r.toLocalDate() : r;
    }

    /** MAKE_DATE(year, month, day); an error for a date that does not exist. */
    static LocalDate makeDate(long year, long month, long day) {
        try {
            if (year == 0) {
                throw new java.time.DateTimeException("year 0");
            }
            return LocalDate.of(Math.toIntExact(year < 0 ? year + 1 : year), Math.toIntExact(month), Math.toIntExact(day));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    "date field value out of range: " + year + "-" + month + "-" + day);
        }
    }

    /**
     * EXTRACT of SECOND, MILLISECOND or EPOCH with PostgreSQL's fractions and scale: seconds and epochs of
     * times and timestamps to microseconds (scale 6), milliseconds to scale 3, the epoch of a DATE whole;
     * day-time intervals (milliseconds) give seconds to scale 6.
     */
    static java.math.BigDecimal extractNumeric(String unit, Object v) {
        String u = unit.toUpperCase(Locale.ROOT);
        if (v instanceof Long millis) {
            java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(millis, 3);
            return switch (u) {
                case "EPOCH" -> seconds.setScale(6);
                case "SECOND" -> java.math.BigDecimal.valueOf(millis % 60_000L, 3).setScale(6);
                default -> java.math.BigDecimal.valueOf(millis % 60_000L).setScale(3);
            };
        }
        if (u.equals("EPOCH") && v instanceof LocalDate d) {
            return java.math.BigDecimal.valueOf(d.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
        }
        LocalTime t = v instanceof LocalDate ? LocalTime.MIDNIGHT : toTime(v);
        java.math.BigDecimal micros = java.math.BigDecimal.valueOf(t.getNano() / 1000, 6);
        return switch (u) {
            case "EPOCH" -> java.math.BigDecimal.valueOf(v instanceof LocalTime ? t.toSecondOfDay()
                    : toTimestamp(v).toEpochSecond(ZoneOffset.UTC)).add(micros);
            case "SECOND" -> java.math.BigDecimal.valueOf(t.getSecond()).add(micros);
            default -> java.math.BigDecimal.valueOf(t.getSecond() * 1_000_000L + t.getNano() / 1000, 3);
        };
    }

    /** FLOOR/CEIL(datetime TO unit) for YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND. */
    static Object floorCeil(Object v, String unit, boolean floor) {
        LocalDateTime t = v instanceof LocalTime ? ((LocalTime) v).atDate(LocalDate.EPOCH) : toTimestamp(v);
        LocalDateTime f;
        switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR": f = t.toLocalDate().withDayOfYear(1).atStartOfDay(); break;
            case "QUARTER":
                f = LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
                break;
            case "MONTH": f = t.toLocalDate().withDayOfMonth(1).atStartOfDay(); break;
            case "WEEK": f = t.toLocalDate().minusDays(t.getDayOfWeek().getValue() % 7).atStartOfDay(); break;
            case "DAY": f = t.truncatedTo(ChronoUnit.DAYS); break;
            case "HOUR": f = t.truncatedTo(ChronoUnit.HOURS); break;
            case "MINUTE": f = t.truncatedTo(ChronoUnit.MINUTES); break;
            case "SECOND": f = t.truncatedTo(ChronoUnit.SECONDS); break;
            default:
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "unsupported FLOOR/CEIL unit " + unit);
        }
        if (!floor && !f.equals(t)) {
            f = next(f, unit.toUpperCase(Locale.ROOT));
        }
        if (v instanceof LocalDate) {
            return f.toLocalDate();
        }
        return v instanceof LocalTime ? f.toLocalTime() : f;
    }

    private static LocalDateTime next(LocalDateTime f, String unit) {
        switch (unit) {
            case "YEAR": return f.plusYears(1);
            case "QUARTER": return f.plusMonths(3);
            case "MONTH": return f.plusMonths(1);
            case "WEEK": return f.plusWeeks(1);
            case "DAY": return f.plusDays(1);
            case "HOUR": return f.plusHours(1);
            case "MINUTE": return f.plusMinutes(1);
            default: return f.plusSeconds(1);
        }
    }

    private static long extractInterval(String u, long v, boolean months) {
        if (months) {
            switch (u) {
                case "YEAR": return v / 12;
                case "MONTH": return v % 12;
                default: return 0;
            }
        }
        switch (u) {
            case "DAY": return v / MILLIS_PER_DAY;
            case "HOUR": return (v / 3_600_000L) % 24;
            case "MINUTE": return (v / 60_000L) % 60;
            case "SECOND": return (v / 1000L) % 60;
            case "MILLISECOND": return v % 60_000L;
            case "EPOCH": return v / 1000L;
            default: return 0;
        }
    }
}
