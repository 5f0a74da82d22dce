package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's regular-expression match operators {@code ~}, {@code ~*}, {@code !~} and {@code !~*}, which
 * Calcite's parser has no tokens for. Before parsing they are rewritten to its {@code [NOT] RLIKE}
 * ({@code ~*} as {@code RLIKE '(?i)' || pattern}: an embedded option, as PostgreSQL's advanced regular
 * expressions also allow); strings, quoted names and comments are left alone. The rewrite makes lines
 * longer, so positions the parser and validator report are mapped back to the program as written
 * ({@link #remap}).
 */
final class RegexOperators {

    /** One replaced operator: where it starts in the original text and the rewritten one, and both lengths. */
    private record Edit(int line, int originalColumn, int rewrittenColumn, int originalLength, int newLength) {
    }

    private static final String[][] OPERATORS = {
        {"!~*", " NOT RLIKE '(?i)' || "}, {"!~", " NOT RLIKE "}, {"~*", " RLIKE '(?i)' || "}, {"~", " RLIKE "}};

    private RegexOperators() {
    }

    /** The text with the operators rewritten (the same text when it has none). */
    static String rewrite(String text) {
        if (text.indexOf('~') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        scan(text, out, new ArrayList<>());
        return out.toString();
    }

    /** A diagnostic about the rewritten text, positioned in the text as written. */
    static Diagnostic remap(Diagnostic d, String original) {
        if (original.indexOf('~') < 0 || d.range().startLine() <= 0) {
            return d;
        }
        List<Edit> edits = new ArrayList<>();
        scan(original, new StringBuilder(), edits);
        if (edits.isEmpty()) {
            return d;
        }
        SourceRange r = d.range();
        SourceRange mapped = new SourceRange(r.startLine(), column(edits, r.startLine(), r.startColumn()),
                r.endLine(), column(edits, r.endLine(), r.endColumn()));
        String message = d.message();
        if (!original.toUpperCase(java.util.Locale.ROOT).contains("RLIKE")) {
            message = message.replace("NOT RLIKE", "!~").replace("RLIKE", "~");
        }
        return new Diagnostic(d.severity(), d.code(), message, mapped);
    }

    private static int column(List<Edit> edits, int line, int column) {
        int shift = 0;
        for (Edit e : edits) {
            if (e.line() != line || column < e.rewrittenColumn()) {
                continue;
            }
            if (column < e.rewrittenColumn() + e.newLength()) {
                return e.originalColumn();
            }
            shift += e.newLength() - e.originalLength();
        }
        return column - shift;
    }

    private static void scan(String text, StringBuilder out, List<Edit> edits) {
        int line = 1;
        int lineStart = 0;
        int outLineStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int skip = skippable(text, i);
            if (skip > i) {
                for (int k = i; k < skip; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                        outLineStart = out.length() + (k - i) + 1;
                    }
                }
                out.append(text, i, skip);
                i = skip;
                continue;
            }
            String[] op = c == '~' || c == '!' ? operatorAt(text, i) : null;
            if (op != null) {
                edits.add(new Edit(line, i - lineStart + 1, out.length() - outLineStart + 1, op[0].length(),
                        op[1].length()));
                out.append(op[1]);
                i += op[0].length();
                continue;
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                outLineStart = out.length() + 1;
            }
            out.append(c);
            i++;
        }
    }

    private static String[] operatorAt(String text, int i) {
        for (String[] op : OPERATORS) {
            if (text.startsWith(op[0], i)) {
                return op;
            }
        }
        return null;
    }

    /** The end of a string literal, quoted name or comment starting at {@code i}, or {@code i}. */
    private static int skippable(String text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
            int end = text.indexOf('\n', i);
            return end < 0 ? n : end;
        }
        if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < n) {
                if (text.charAt(j) == c) {
                    if (j + 1 < n && text.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        return i;
    }
}
