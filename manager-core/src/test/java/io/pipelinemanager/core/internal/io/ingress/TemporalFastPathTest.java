package io.pipelinemanager.core.internal.io.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-rolled DATE/TIME/TIMESTAMP parsing of {@link TemporalFastPath} against the general java.time path of
 * {@link TextValues}, on many generated strings around the common shapes (edge values of every field, leap years,
 * 24:00, leap seconds, fractions of 0–10 digits, offsets valid and not, mutated and truncated text): whenever the
 * fast path returns a value, the general path returns the same value; and what ingress does (fast path, else the
 * general one) gives the same value or the same error as the general path alone, for every string.
 */
class TemporalFastPathTest {
    private static final int CASES = 50_000;

    /** Outcome of a parse: the value, or the error message. */
    private static Object outcome(Parser p, String s) {
        try {
            return p.parse(s);
        } catch (BadValueException e) {
            return "error: " + e.getMessage();
        }
    }

    interface Parser {
        Object parse(String s) throws BadValueException;
    }

    private static void check(List<String> inputs, Function<String, Object> fast, Parser general, SqlType type,
                              int minFastHits) {
        int fastHits = 0;
        for (String s : inputs) {
            Object quick = fast.apply(s.strip());
            Object slow = outcome(general, s.strip());
            if (quick != null) {
                fastHits++;
                assertThat(quick).as("fast path on '%s'", s).isEqualTo(slow);
            }
            assertThat(outcome(text -> TextValues.parse(text, type), s)).as("ingress of '%s'", s).isEqualTo(slow);
        }
        assertThat(fastHits).as("strings the fast path took").isGreaterThanOrEqualTo(minFastHits);
    }

    @Test
    void datesAgreeWithTheGeneralFormatter() {
        Random r = new Random(1);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            inputs.add(mutate(r, date(r)));
        }
        inputs.addAll(List.of("2021-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "2100-02-29", "0000-02-29",
                "9999-12-31", "0000-01-01", "2024-00-10", "2024-13-01", "2024-04-31", "2024-01-32", "2024-01-00",
                "+2024-01-01", "-0001-01-01", "12024-01-01", "2024-1-01", "2024/01/01", "２０２４-01-01", ""));
        check(inputs, TemporalFastPath::date, TextValues::date, SqlType.date(), CASES / 4);
    }

    @Test
    void timesAgreeWithTheGeneralFormatter() {
        Random r = new Random(2);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            inputs.add(mutate(r, time(r)));
        }
        inputs.addAll(List.of("24:00", "24:00:00", "23:59:60", "00:00", "23:59:59.999999999", "23:59:59.9999999999",
                "10:15:30.", "10:15:30.0", "1:02", "10:5", "10:15:3", "10:15:30,5", "10:15:30.5Z", "-10:15"));
        check(inputs, TemporalFastPath::time, TextValues::time, SqlType.time(), CASES / 4);
    }

    @Test
    void timestampsAgreeWithTheGeneralFormatter() {
        Random r = new Random(3);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String sep = pick(r, " ", "T", "T", " ", "t", "_", "  ");
            inputs.add(mutate(r, date(r) + sep + time(r) + offset(r)));
        }
        inputs.addAll(List.of("2021-02-29 10:00:00", "2020-02-29T23:59:59.123456789Z", "2024-01-02T03:04:05+17:59",
                "2024-01-02T03:04:05+18:00", "2024-01-02T03:04:05-18:00", "2024-01-02T03:04:05+18:01",
                "2024-01-02T03:04:05+25:00", "2024-01-02T03:04:05+2", "2024-01-02 03:04:05 Z", "2024-01-02 24:00:00",
                "2024-01-02T03:04-05:00", "2024-01-02T03:04Z", "2024-01-02T03:04z", "2024-01-02", "2024-01-02T",
                "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05.1234567890", "2024-01-02T03:04:05+02:00x"));
        check(inputs, TemporalFastPath::timestamp, TextValues::timestamp, SqlType.timestamp(), CASES / 8);
    }

    @Test
    void anInvalidDateIsRejectedWithTheGeneralError() {
        assertThat(TemporalFastPath.date("2021-02-29")).isNull();
        assertThat(TemporalFastPath.timestamp("2021-02-29 10:00:00")).isNull();
        assertThatThrownBy(() -> TextValues.parse("2021-02-29", SqlType.date())).isInstanceOf(BadValueException.class)
                .hasMessage("invalid DATE value '2021-02-29' (expected YYYY-MM-DD)");
        assertThatThrownBy(() -> TextValues.parse("2021-02-29 10:00:00", SqlType.timestamp()))
                .isInstanceOf(BadValueException.class).hasMessageStartingWith("invalid TIMESTAMP value '2021-02-29 10:00:00'");
        assertThat(TemporalFastPath.date("2020-02-29")).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(TemporalFastPath.time("23:59:59.000000001")).isEqualTo(LocalTime.of(23, 59, 59, 1));
        assertThat(TemporalFastPath.timestamp("2026-11-30T10:15:30.25+02:00"))
                .isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 15, 30, 250_000_000));
    }

    /** Decimal text: the hand-written check accepts exactly what the documented pattern accepts. */
    @Test
    void decimalTextMatchesThePattern() {
        Pattern number = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
        Random r = new Random(4);
        String alphabet = "0123456789+-.eE x٣";
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder s = new StringBuilder();
            int n = r.nextInt(8);
            for (int j = 0; j < n; j++) {
                s.append(r.nextInt(3) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : (char) ('0' + r.nextInt(10)));
            }
            String t = s.toString();
            boolean expected = number.matcher(t).matches();
            assertThat(TextValues.isDecimalNumber(t)).as("'%s'", t).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isGreaterThan(CASES / 10);
    }

    private static String date(Random r) {
        int year = switch (r.nextInt(6)) {
            case 0 -> pickInt(r, 0, 1, 4, 1600, 1900, 2000, 2004, 2020, 2021, 2100, 2400, 9999);
            default -> r.nextInt(10_000);
        };
        int month = r.nextInt(10) == 0 ? r.nextInt(14) : 1 + r.nextInt(12);
        int day = r.nextInt(10) == 0 ? r.nextInt(33) : pickInt(r, 1, 28, 29, 30, 31, 1 + r.nextInt(28));
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
    }

    private static String time(Random r) {
        int hour = r.nextInt(10) == 0 ? pickInt(r, 23, 24, 25, 99) : r.nextInt(24);
        int minute = r.nextInt(10) == 0 ? pickInt(r, 59, 60, 99) : r.nextInt(60);
        String t = pad(hour, 2) + ":" + pad(minute, 2);
        if (r.nextInt(5) == 0) {
            return t;
        }
        int second = r.nextInt(10) == 0 ? pickInt(r, 59, 60, 61) : r.nextInt(60);
        t += ":" + pad(second, 2);
        int digits = r.nextInt(12) - 1;
        if (digits < 0) {
            return t;
        }
        StringBuilder f = new StringBuilder(t).append('.');
        for (int i = 0; i < digits; i++) {
            f.append((char) ('0' + r.nextInt(10)));
        }
        return f.toString();
    }

    private static String offset(Random r) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2, 3, 4 -> "";
            case 5 -> pick(r, "Z", "z");
            case 6, 7 -> pick(r, "+", "-") + pad(r.nextInt(20), 2) + ":" + pad(r.nextInt(62), 2);
            case 8 -> pick(r, "+", "-") + pad(r.nextInt(20), 2);
            case 9 -> pick(r, "+", "-") + pad(r.nextInt(20), 2) + pad(r.nextInt(62), 2);
            case 10 -> pick(r, "+", "-") + pad(r.nextInt(19), 2) + ":" + pad(r.nextInt(60), 2) + ":" + pad(r.nextInt(61), 2);
            default -> pick(r, "+18:00", "-18:00", "+00:00", "-00:00", " Z", "+1:00", "+01:0");
        };
    }

    /** Most strings as generated; some with a character replaced, dropped or added, or surrounded by blanks. */
    private static String mutate(Random r, String s) {
        String chars = "0123456789-:T Z+.,xz\t";
        return switch (r.nextInt(10)) {
            case 0 -> {
                int at = r.nextInt(s.length());
                yield s.substring(0, at) + chars.charAt(r.nextInt(chars.length())) + s.substring(at + 1);
            }
            case 1 -> {
                int at = r.nextInt(s.length());
                yield s.substring(0, at) + s.substring(at + 1);
            }
            case 2 -> {
                int at = r.nextInt(s.length() + 1);
                yield s.substring(0, at) + chars.charAt(r.nextInt(chars.length())) + s.substring(at);
            }
            case 3 -> " " + s + pick(r, "", " ", "\t");
            default -> s;
        };
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static int pickInt(Random r, int... options) {
        return options[r.nextInt(options.length)];
    }
}
