package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PostgreSQL's string functions (strict: callers handle NULL). Lengths and positions count code points, as
 * PostgreSQL counts characters of a UTF-8 database.
 */
final class PgStrings {
    private PgStrings() {
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The first {@code n} code points of {@code s} (n clamped to [0, length]). */
    private static String head(String s, long n) {
        int len = length(s);
        int k = (int) Math.max(0, Math.min(n, len));
        return s.substring(0, s.offsetByCodePoints(0, k));
    }

    /** The last {@code n} code points of {@code s} (n clamped to [0, length]). */
    private static String tail(String s, long n) {
        int len = length(s);
        int k = (int) Math.max(0, Math.min(n, len));
        return s.substring(s.offsetByCodePoints(0, len - k));
    }

    /** LEFT(s, n): the first n characters; a negative n drops the last |n|. */
    static String left(String s, long n) {
        return n >= 0 ? head(s, n) : head(s, length(s) + n);
    }

    /** RIGHT(s, n): the last n characters; a negative n drops the first |n|. */
    static String right(String s, long n) {
        return n >= 0 ? tail(s, n) : tail(s, length(s) + n);
    }

    /** LPAD/RPAD(s, n, fill): pads with repetitions of fill to n characters, or cuts s to its first n. */
    static String pad(String s, long n, String fill, boolean leftSide) {
        if (n <= 0) {
            return "";
        }
        int len = length(s);
        if (len >= n || fill.isEmpty()) {
            return head(s, n);
        }
        StringBuilder padding = new StringBuilder();
        int fillLength = length(fill);
        long missing = n - len;
        checkSize(n);
        while (missing >= fillLength) {
            padding.append(fill);
            missing -= fillLength;
        }
        padding.append(head(fill, missing));
        return leftSide ? padding + s : s + padding;
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** REPEAT(s, n): n copies; none for n ≤ 0. */
    static String repeat(String s, long n) {
        if (n <= 0 || s.isEmpty()) {
            return "";
        }
        checkSize(n * s.length());
        return s.repeat((int) n);
    }

    private static void checkSize(long chars) {
        if (chars > (1 << 28)) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "requested length too large");
        }
    }

    /** SPLIT_PART(s, delimiter, n): the n-th field (from the end for n &lt; 0), '' past the last. */
    static String splitPart(String s, String delimiter, long n) {
        if (n == 0) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "field position must not be zero");
        }
        if (s.isEmpty()) {
            return "";
        }
        if (delimiter.isEmpty()) {
            return n == 1 || n == -1 ? s : "";
        }
        java.util.List<String> fields = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(delimiter, from);
            if (at < 0) {
                fields.add(s.substring(from));
                break;
            }
            fields.add(s.substring(from, at));
            from = at + delimiter.length();
        }
        long index = n > 0 ? n - 1 : fields.size() + n;
        return index >= 0 && index < fields.size() ? fields.get((int) index) : "";
    }

    /** INITCAP: the first letter of each run of letters and digits upper case, the others lower case. */
    static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(inWord ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
            inWord = Character.isLetterOrDigit(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** MD5 of the UTF-8 bytes, as 32 lower-case hex digits. */
    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    /** CHR(code): the character with that code point. */
    static String chr(long code) {
        if (code <= 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    code == 0 ? "null character not permitted" : "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars((int) code));
    }

    /** STRPOS(s, sub): 1-based position of the first occurrence in characters, 0 when absent. */
    static long strpos(String s, String sub) {
        int at = s.indexOf(sub);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    /** CONCAT_WS(separator, values...): the non-NULL values joined by the separator. */
    static String concatWs(String separator, Object[] values) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object v : values) {
            if (v != null) {
                if (!first) {
                    sb.append(separator);
                }
                sb.append(Texts.toText(v));
                first = false;
            }
        }
        return sb.toString();
    }
}
