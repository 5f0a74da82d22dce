package io.pipelinemanager.core.internal.io.ingress;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Hand-rolled parsing of the common DATE, TIME and TIMESTAMP shapes, for the text rules of {@link TextValues}
 * (the general java.time formatters cost most of the CPU of ingesting timestamps). Strict by construction:
 * each method returns a value only for text it fully understands and that is valid, the value the general path
 * gives for the same text; for anything else (other shapes, out-of-range fields, 2021-02-29, 24:00, lowercase
 * separators, other offset forms) it returns null and the caller takes the general path, which accepts or
 * rejects with its own error. The shapes (after trimming):
 * <ul>
 *   <li>DATE {@code YYYY-MM-DD} (four-digit year);</li>
 *   <li>TIME {@code HH:MM}, {@code HH:MM:SS} or {@code HH:MM:SS.f} with 1–9 fraction digits;</li>
 *   <li>TIMESTAMP such a date, {@code ' '} or {@code 'T'}, such a time, optionally {@code Z} or an offset
 *       {@code ±HH:MM} with HH ≤ 17 (always a valid offset; ignored, as on the general path).</li>
 * </ul>
 */
final class TemporalFastPath {
    private static final int[] NANO_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private TemporalFastPath() {
    }

    /** {@code YYYY-MM-DD}, or null. */
    static LocalDate date(String s) {
        if (s.length() != 10 || !isDate(s)) {
            return null;
        }
        return LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
    }

    /** {@code HH:MM[:SS[.fffffffff]]}, or null. */
    static LocalTime time(String s) {
        long t = time(s, 0, s.length());
        return t < 0 ? null : LocalTime.ofNanoOfDay(t);
    }

    /** A date, {@code ' '} or {@code 'T'}, a time and optionally {@code Z} or {@code ±HH:MM} (ignored), or null. */
    static LocalDateTime timestamp(String s) {
        int n = s.length();
        if (n < 16 || !isDate(s)) {
            return null;
        }
        char sep = s.charAt(10);
        if (sep != ' ' && sep != 'T') {
            return null;
        }
        int end = n;
        char last = s.charAt(n - 1);
        if (last == 'Z') {
            end = n - 1;
        } else if (n >= 22 && (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':') {
            int hours = digits(s, n - 5, 2);
            int minutes = digits(s, n - 2, 2);
            if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
                return null;
            }
            end = n - 6;
        }
        long t = time(s, 11, end);
        if (t < 0) {
            return null;
        }
        return LocalDateTime.of(LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)),
                LocalTime.ofNanoOfDay(t));
    }

    /** Whether {@code s} starts with a valid {@code YYYY-MM-DD} (s has at least 10 characters). */
    private static boolean isDate(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** The nano of day of {@code HH:MM[:SS[.f{1,9}]]} spanning exactly {@code s[from, end)}, or -1. */
    private static long time(String s, int from, int end) {
        int n = end - from;
        if (n != 5 && n != 8 && (n < 10 || n > 18) || s.charAt(from + 2) != ':') {
            return -1;
        }
        int hour = digits(s, from, 2);
        int minute = digits(s, from + 3, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return -1;
        }
        int second = 0;
        int nano = 0;
        if (n >= 8) {
            second = s.charAt(from + 5) == ':' ? digits(s, from + 6, 2) : -1;
            if (second < 0 || second > 59) {
                return -1;
            }
            if (n >= 10) {
                int fraction = s.charAt(from + 8) == '.' ? digits(s, from + 9, n - 9) : -1;
                if (fraction < 0) {
                    return -1;
                }
                nano = fraction * NANO_SCALE[n - 9];
            }
        }
        return ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + nano;
    }

    /** The value of the {@code count} (≤ 9) ASCII digits at {@code s[from]}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
