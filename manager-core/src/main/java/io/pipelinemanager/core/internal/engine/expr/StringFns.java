package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import java.util.Locale;

/** String functions with SQL semantics (1-based positions; strict: callers handle NULL). */
final class StringFns {
    private StringFns() {
    }

    static String upper(Object s) {
        return ((String) s).toUpperCase(Locale.ROOT);
    }

    static String lower(Object s) {
        return ((String) s).toLowerCase(Locale.ROOT);
    }

    static long charLength(Object s) {
        String str = (String) s;
        return str.codePointCount(0, str.length());
    }

    /** TRIM: removes any of {@code chars} from the chosen end(s). */
    static String trim(String where, String chars, String s) {
        boolean leading = !"TRAILING".equalsIgnoreCase(where);
        boolean trailing = !"LEADING".equalsIgnoreCase(where);
        int start = 0;
        int end = s.length();
        while (leading && start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (trailing && end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** SUBSTRING(s FROM start [FOR length]) per SQL: positions before 1 shorten the result. */
    static String substring(String s, long start, Long length) {
        long end;
        if (length == null) {
            end = Long.MAX_VALUE;
        } else {
            if (length < 0) {
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "negative substring length");
            }
            end = start + length;
        }
        long from = Math.max(start, 1);
        long to = Math.min(end, (long) s.length() + 1);
        if (to <= from) {
            return "";
        }
        return s.substring((int) from - 1, (int) to - 1);
    }

    /** POSITION(needle IN haystack [FROM from]): 1-based index, 0 when absent. */
    static long position(String needle, String haystack, long from) {
        int f = (int) Math.max(0, from - 1);
        if (f > haystack.length()) {
            return 0;
        }
        return haystack.indexOf(needle, f) + 1;
    }

    static String replace(String s, String from, String to) {
        return from.isEmpty() ? s : s.replace(from, to);
    }
}
