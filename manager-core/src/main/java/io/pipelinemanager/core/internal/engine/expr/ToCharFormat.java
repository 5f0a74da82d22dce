package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code TO_CHAR(datetime, format)} for the common template patterns (see {@link #SUPPORTED}),
 * with the {@code FM} prefix (no padding). Text in double quotes and characters that are not letters are
 * copied. Any other letters are refused, so a pattern this engine does not know is an error rather than
 * text PostgreSQL would format differently.
 */
public final class ToCharFormat {

    /** The supported patterns, longest first (the order in which they are matched). */
    public static final List<String> SUPPORTED = List.of("MONTH", "Month", "month", "HH24", "HH12", "YYYY", "DDD",
            "MON", "Mon", "mon", "DAY", "Day", "day", "A.M.", "P.M.", "a.m.", "p.m.", "IYYY", "YY", "MM", "DD", "HH",
            "MI", "SS", "MS", "US", "DY", "Dy", "dy", "AM", "PM", "am", "pm", "IW", "ID", "Q", "D");

    private record Token(String pattern, String literal, boolean fillMode) {
    }

    private final List<Token> tokens;

    private ToCharFormat(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The parsed format; throws {@link IllegalArgumentException} with a user message for unsupported patterns. */
    public static ToCharFormat parse(String format) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '"') {
                int end = format.indexOf('"', i + 1);
                String text = end < 0 ? format.substring(i + 1) : format.substring(i + 1, end);
                tokens.add(new Token(null, text, false));
                i = end < 0 ? format.length() : end + 1;
                continue;
            }
            boolean fill = format.startsWith("FM", i) || format.startsWith("fm", i);
            int at = fill ? i + 2 : i;
            String match = null;
            for (String p : SUPPORTED) {
                if (format.startsWith(p, at)) {
                    match = p;
                    break;
                }
            }
            if (match != null) {
                tokens.add(new Token(match, null, fill));
                i = at + match.length();
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < format.length() && Character.isLetter(format.charAt(end))) {
                    end++;
                }
                throw new IllegalArgumentException("TO_CHAR pattern \"" + format.substring(i, end)
                        + "\" is not supported; supported patterns: " + String.join(" ", SUPPORTED)
                        + " (FM prefix allowed; put literal text in double quotes)");
            } else {
                tokens.add(new Token(null, String.valueOf(c), false));
                i++;
            }
        }
        return new ToCharFormat(tokens);
    }

    /** Formats a DATE, TIME or TIMESTAMP value. */
    public String format(Object value) {
        LocalDateTime t;
        if (value instanceof LocalDate d) {
            t = d.atStartOfDay();
        } else if (value instanceof LocalTime lt) {
            t = lt.atDate(LocalDate.EPOCH);
        } else if (value instanceof LocalDateTime ldt) {
            t = ldt;
        } else {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "TO_CHAR needs a date or time");
        }
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            out.append(token.literal() != null ? token.literal() : field(token, t));
        }
        return out.toString();
    }

    private static String field(Token token, LocalDateTime t) {
        boolean fm = token.fillMode();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        boolean pm = t.getHour() >= 12;
        return switch (token.pattern()) {
            case "YYYY" -> number(t.getYear(), 4, fm);
            case "IYYY" -> number(t.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
            case "YY" -> number(Math.floorMod(t.getYear(), 100), 2, fm);
            case "MM" -> number(t.getMonthValue(), 2, fm);
            case "DD" -> number(t.getDayOfMonth(), 2, fm);
            case "DDD" -> number(t.getDayOfYear(), 3, fm);
            case "HH24" -> number(t.getHour(), 2, fm);
            case "HH12", "HH" -> number(hour12, 2, fm);
            case "MI" -> number(t.getMinute(), 2, fm);
            case "SS" -> number(t.getSecond(), 2, fm);
            case "MS" -> number(t.getNano() / 1_000_000, 3, fm);
            case "US" -> number(t.getNano() / 1_000, 6, fm);
            case "Q" -> String.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "D" -> String.valueOf(t.getDayOfWeek().getValue() % 7 + 1);
            case "ID" -> String.valueOf(t.getDayOfWeek().getValue());
            case "IW" -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case "AM", "PM" -> pm ? "PM" : "AM";
            case "am", "pm" -> pm ? "pm" : "am";
            case "A.M.", "P.M." -> pm ? "P.M." : "A.M.";
            case "a.m.", "p.m." -> pm ? "p.m." : "a.m.";
            case "MONTH", "Month", "month" -> name(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                    token.pattern(), fm);
            case "MON", "Mon", "mon" -> name(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                    token.pattern(), true);
            case "DAY", "Day", "day" -> name(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                    token.pattern(), fm);
            case "DY", "Dy", "dy" -> name(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                    token.pattern(), true);
            default -> throw new IllegalStateException("pattern " + token.pattern());
        };
    }

    private static String number(int value, int width, boolean fillMode) {
        String digits = String.valueOf(Math.abs(value));
        if (!fillMode && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return value < 0 ? "-" + digits : digits;
    }

    /** A month or day name in the pattern's case, blank-padded to 9 characters unless in fill mode. */
    private static String name(String english, String pattern, boolean fillMode) {
        String cased = Character.isLowerCase(pattern.charAt(0)) ? english.toLowerCase(Locale.ROOT)
                : Character.isUpperCase(pattern.charAt(1)) ? english.toUpperCase(Locale.ROOT) : english;
        return fillMode || cased.length() >= 9 ? cased : cased + " ".repeat(9 - cased.length());
    }
}
