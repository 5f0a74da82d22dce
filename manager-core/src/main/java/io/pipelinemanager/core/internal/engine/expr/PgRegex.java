package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL's regular expressions on Java's engine: REGEXP_REPLACE (flags {@code g}, {@code i}, {@code c}),
 * REGEXP_LIKE, REGEXP_MATCH and SIMILAR TO. POSIX classes ({@code [[:alpha:]]}) and the word-boundary escapes
 * {@code \m}, {@code \M}, {@code \y} are translated; back references in replacements are {@code \1}..{@code \9}
 * and {@code \&}. The rest of the syntax is common to both (other advanced ARE features are not translated).
 */
final class PgRegex {
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("alpha", "\\p{IsAlphabetic}"), Map.entry("digit", "\\p{IsDigit}"),
            Map.entry("alnum", "\\p{IsAlphabetic}\\p{IsDigit}"), Map.entry("upper", "\\p{IsUppercase}"),
            Map.entry("lower", "\\p{IsLowercase}"), Map.entry("space", "\\s"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("xdigit", "0-9A-Fa-f"), Map.entry("word", "\\w"), Map.entry("blank", " \\t"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"));

    private PgRegex() {
    }

    /** The flags of REGEXP_REPLACE/REGEXP_LIKE: whether {@code g} was given, and the Java pattern flags. */
    record Flags(boolean global, int javaFlags) {
    }

    /** Parses PostgreSQL regex flags; unsupported ones are an error. */
    static Flags flags(String flags) {
        boolean global = false;
        int java = 0;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'g' -> global = true;
                case 'i' -> java |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'c' -> java &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                default -> throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                        "invalid regular expression option: \"" + c + "\" (supported: g, i, c)");
            }
        }
        return new Flags(global, java);
    }

    /** A PostgreSQL (ARE) pattern compiled for Java. */
    static Pattern compile(String pattern, int javaFlags) {
        try {
            return Pattern.compile(translate(pattern), javaFlags | Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    "invalid regular expression: " + e.getDescription());
        }
    }

    private static String translate(String p) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char n = p.charAt(++i);
                switch (n) {
                    case 'm' -> out.append("\\b(?=\\w)");
                    case 'M' -> out.append("\\b(?<=\\w)");
                    case 'y' -> out.append("\\b");
                    case 'Y' -> out.append("\\B");
                    default -> out.append('\\').append(n);
                }
            } else if (c == '[' && p.startsWith("[:", i)) {
                int end = p.indexOf(":]", i + 2);
                String cls = end < 0 ? null : CLASSES.get(p.substring(i + 2, end));
                if (cls == null) {
                    out.append(c);
                } else {
                    out.append(cls);
                    i = end + 1;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** REGEXP_REPLACE(s, pattern, replacement[, flags]). */
    static String replace(String s, String pattern, String replacement, String flags) {
        Flags f = flags(flags);
        return replace(compile(pattern, f.javaFlags()), f.global(), s, replacement);
    }

    /** REGEXP_REPLACE with a compiled pattern. */
    static String replace(Pattern pattern, boolean global, String s, String replacement) {
        Matcher m = pattern.matcher(s);
        String r = javaReplacement(replacement);
        return global ? m.replaceAll(r) : m.replaceFirst(r);
    }

    /** REGEXP_LIKE(s, pattern[, flags]): whether the pattern matches anywhere in s. */
    static boolean like(String s, String pattern, String flags) {
        Flags f = flags(flags);
        if (f.global()) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    "regexp_like() does not support the \"global\" option");
        }
        return compile(pattern, f.javaFlags()).matcher(s).find();
    }

    /** The pattern of REGEXP_MATCH with its flags ({@code g} is refused, as PostgreSQL does). */
    static Pattern matchPattern(String pattern, String flags) {
        Flags f = flags(flags);
        if (f.global()) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    "regexp_match() does not support the \"global\" option (PostgreSQL's regexp_matches is not"
                            + " supported)");
        }
        return compile(pattern, f.javaFlags());
    }

    /**
     * REGEXP_MATCH: NULL when the pattern does not match s; else, of its first match, the text of each capturing
     * group (NULL for a group that took no part), or the whole match when the pattern has no group.
     */
    static Object match(Pattern pattern, String s) {
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return null;
        }
        java.util.List<Object> out = new java.util.ArrayList<>();
        if (m.groupCount() == 0) {
            out.add(m.group());
        } else {
            for (int g = 1; g <= m.groupCount(); g++) {
                out.add(m.group(g));
            }
        }
        return io.pipelinemanager.core.internal.engine.type.Values.array(out);
    }

    private static String javaReplacement(String r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length()) {
                char n = r.charAt(++i);
                if (n >= '1' && n <= '9') {
                    out.append('$').append(n);
                } else if (n == '&') {
                    out.append("$0");
                } else {
                    out.append(Matcher.quoteReplacement(String.valueOf(n)));
                }
            } else {
                out.append(Matcher.quoteReplacement(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** The Java pattern of a SQL SIMILAR TO pattern (whole-string match; % and _ wildcards; escape default \). */
    static Pattern similar(String pattern, String escape) {
        if (escape != null && escape.length() > 1) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "invalid escape string");
        }
        char esc = escape == null ? '\\' : escape.isEmpty() ? 0 : escape.charAt(0);
        StringBuilder re = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                re.append(c == '\\' ? "\\\\" : String.valueOf(c));
            } else {
                switch (c) {
                    case '%' -> re.append(".*");
                    case '_' -> re.append('.');
                    case '[' -> {
                        inClass = true;
                        re.append(c);
                    }
                    case '|', '*', '+', '?', '{', '}', '(', ')' -> re.append(c);
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
        }
        try {
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT,
                    "invalid regular expression: " + e.getDescription());
        }
    }
}
