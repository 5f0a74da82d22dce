package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the text of a CSV field or a JSON string into the engine value of a column type. Strings are
 * taken verbatim; other types are trimmed first. Accepted forms: BOOLEAN true/false/t/f/1/0 (any case);
 * integers and intervals as decimal integers (a fraction of zero is allowed); DECIMAL and REAL/DOUBLE as
 * decimal numbers (REAL/DOUBLE also NaN, Infinity, -Infinity); DATE {@code YYYY-MM-DD}; TIME
 * {@code HH:MM[:SS[.fffffffff]]}; TIMESTAMP a date and a time separated by a space or {@code T},
 * optionally followed by a UTC offset, which is ignored (PostgreSQL {@code timestamp}); VARIANT the text of a
 * JSON value.
 */
final class TextValues {
    private TextValues() {
    }

    /** The engine value of {@code text} for {@code type}. */
    static Object parse(String text, SqlType type) throws BadValueException {
        TypeKind k = type.kind();
        if (k.isString()) {
            return ValueChecks.string(text, type);
        }
        String t = text.strip();
        switch (k) {
            case BOOLEAN: return bool(t);
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
            case INTERVAL_DAY_TIME: case INTERVAL_YEAR_MONTH:
                return integer(t, type);
            case DECIMAL: return ValueChecks.decimal(number(t, type), type);
            case REAL: case DOUBLE: return ValueChecks.approximate(approximate(t, type), type, true);
            case DATE: {
                LocalDate d = TemporalFastPath.date(t);
                return d != null ? d : date(t);
            }
            case TIME: {
                LocalTime d = TemporalFastPath.time(t);
                return d != null ? d : time(t);
            }
            case TIMESTAMP: {
                LocalDateTime d = TemporalFastPath.timestamp(t);
                return d != null ? d : timestamp(t);
            }
            case VARIANT: return JsonValues.variant(t);
            default: throw new BadValueException("columns of type " + k + " cannot be loaded");
        }
    }

    private static Boolean bool(String t) throws BadValueException {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "true": case "t": case "1": return Boolean.TRUE;
            case "false": case "f": case "0": return Boolean.FALSE;
            default: throw invalid(t, "BOOLEAN");
        }
    }

    private static Long integer(String t, SqlType type) throws BadValueException {
        if (!t.isEmpty() && t.length() <= 18 && isPlainInteger(t)) {
            return ValueChecks.integer(Long.parseLong(t), type);
        }
        return ValueChecks.integer(number(t, type), type);
    }

    private static boolean isPlainInteger(String t) {
        int start = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
        if (start == t.length()) {
            return false;
        }
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal number(String t, SqlType type) throws BadValueException {
        if (t.length() > 1000 || !isDecimalNumber(t)) {
            throw invalid(t, type.kind().name());
        }
        return new BigDecimal(t);
    }

    /**
     * Whether {@code t} is a decimal number: {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} (ASCII digits),
     * checked by hand rather than by a regular expression.
     */
    static boolean isDecimalNumber(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int start = i;
        i = skipDigits(t, i);
        int digits = i - start;
        if (i < n && t.charAt(i) == '.') {
            int fraction = ++i;
            i = skipDigits(t, i);
            digits += i - fraction;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            i = skipDigits(t, i);
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static int skipDigits(String t, int i) {
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static double approximate(String t, SqlType type) throws BadValueException {
        switch (t) {
            case "NaN": return Double.NaN;
            case "Infinity": case "+Infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity": return Double.NEGATIVE_INFINITY;
            default:
                if (t.length() > 1000 || !isDecimalNumber(t)) {
                    throw invalid(t, type.kind().name());
                }
                double d = Double.parseDouble(t);
                if (Double.isInfinite(d)) {
                    throw ValueChecks.outOfRange(t, type);
                }
                return d;
        }
    }

    /** A DATE through the general formatter (the shapes {@link TemporalFastPath} does not take, and errors). */
    static LocalDate date(String t) throws BadValueException {
        try {
            return DateTimeFormatter.ISO_LOCAL_DATE.parse(t, LocalDate::from);
        } catch (DateTimeParseException e) {
            throw new BadValueException("invalid DATE value '" + shorten(t) + "' (expected YYYY-MM-DD)");
        }
    }

    /** A TIME through the general formatter (the shapes {@link TemporalFastPath} does not take, and errors). */
    static LocalTime time(String t) throws BadValueException {
        try {
            return DateTimeFormatter.ISO_LOCAL_TIME.parse(t, LocalTime::from);
        } catch (DateTimeParseException e) {
            throw new BadValueException("invalid TIME value '" + shorten(t) + "' (expected HH:MM:SS[.fff])");
        }
    }

    /**
     * A TIMESTAMP: date, {@code ' '} or {@code 'T'}, time with optional fraction, then optionally a UTC offset
     * ({@code Z}, {@code ±HH}, {@code ±HHMM}, {@code ±HH:MM}, {@code ±HH:MM:SS}). As in PostgreSQL for
     * {@code timestamp} (without time zone), an offset is checked and then ignored: the local date and time
     * are kept as written, not converted. The general path: {@link TemporalFastPath} takes the common shapes.
     */
    static LocalDateTime timestamp(String t) throws BadValueException {
        String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        Matcher offset = OFFSET.matcher(iso);
        try {
            if (iso.length() > 16 && offset.find()) {
                String zone = offset.group();
                ZoneOffset.of(zone.equalsIgnoreCase("z") ? "Z" : zone);
                iso = iso.substring(0, offset.start());
            }
            return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (java.time.DateTimeException e) {
            throw new BadValueException("invalid TIMESTAMP value '" + shorten(t)
                    + "' (expected YYYY-MM-DD HH:MM:SS[.fff] or ISO 8601 with T, optionally with Z or ±HH:MM)");
        }
    }

    /** A trailing UTC offset after the time ({@code Z}, {@code ±HH[[:]MM[[:]SS]]}). */
    private static final Pattern OFFSET = Pattern.compile("(?<=\\d)([zZ]|[+-]\\d{2}(:?\\d{2}(:?\\d{2})?)?)$");

    private static BadValueException invalid(String t, String kind) {
        return new BadValueException("invalid " + kind + " value '" + shorten(t) + "'");
    }

    /** At most 40 characters of a value, for error messages. */
    static String shorten(String t) {
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
