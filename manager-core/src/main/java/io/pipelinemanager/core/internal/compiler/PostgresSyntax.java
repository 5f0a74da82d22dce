package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL spellings that Calcite's parser has no grammar for, rewritten before parsing; strings, quoted names
 * and comments are left alone.
 * <ul>
 * <li>The regular-expression match operators {@code ~}, {@code ~*}, {@code !~} and {@code !~*} become Calcite's
 * {@code [NOT] RLIKE} ({@code ~*} as {@code RLIKE '(?i)' || pattern}: an embedded option, as PostgreSQL's
 * advanced regular expressions also allow).</li>
 * <li>An array type {@code T[]} becomes {@code T ARRAY} ({@code ARRAY[]}, the empty constructor, stays).</li>
 * <li>A cast {@code x::T} becomes {@code CAST(x AS T)}. {@code ::} binds tighter than any operator, as in
 * PostgreSQL, so {@code x} is the operand just before it: a literal, a (qualified) name, a parenthesized
 * expression, a function call, a subscript or {@code ARRAY[...]}, or a cast before it ({@code x::text::int}).
 * {@code T} is a type name (also {@code DOUBLE PRECISION}, {@code CHARACTER VARYING}), with its precision and
 * scale and {@code []}/{@code ARRAY}; PostgreSQL's {@code text}, {@code int2}, {@code int4}, {@code int8},
 * {@code float4}, {@code float8} and {@code bool} are written as the SQL types. A {@code ::} whose operand is
 * none of these is left as it is (a syntax error at it).</li>
 * </ul>
 * The rewrite changes the length of lines, so positions the parser and validator report are mapped back to the
 * program as written ({@link #remap}).
 */
final class PostgresSyntax {

    /** One replaced span: where it starts in the original text and the rewritten one, and both lengths. */
    private record Edit(int line, int originalColumn, int rewrittenColumn, int originalLength, int newLength) {
    }

    /** Replace {@code length} characters at {@code offset} with {@code text}; {@code order} sorts equal offsets. */
    private record Replacement(int offset, int length, String text, int order) {
    }

    /** A token: a word (name, keyword or number), a string ('s'), a quoted name ('q') or punctuation ('p'). */
    private record Token(int start, int end, String text, char kind) {
        boolean is(String s) {
            return (kind == 'w' || kind == 'p') && text.equalsIgnoreCase(s);
        }

        boolean word() {
            return kind == 'w';
        }
    }

    private static final String[][] REGEX_OPERATORS = {
        {"!~*", " NOT RLIKE '(?i)' || "}, {"!~", " NOT RLIKE "}, {"~*", " RLIKE '(?i)' || "}, {"~", " RLIKE "}};

    /** PostgreSQL's own names of SQL types. */
    private static final Map<String, String> TYPE_NAMES = Map.of("TEXT", "VARCHAR", "INT2", "SMALLINT",
            "INT4", "INTEGER", "INT8", "BIGINT", "FLOAT4", "REAL", "FLOAT8", "DOUBLE", "BOOL", "BOOLEAN");

    /** Words that may stand before a parenthesis without being a function name. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "IN", "ON", "BY",
            "AS", "WHEN", "THEN", "ELSE", "FROM", "JOIN", "HAVING", "EXISTS", "VALUES", "OVER", "USING", "UNION",
            "ALL", "DISTINCT", "LATERAL", "BETWEEN", "LIKE", "ILIKE", "IS", "CASE", "WITH", "RECURSIVE", "ANY", "SOME",
            "TABLE", "INTERSECT", "EXCEPT", "LIMIT", "OFFSET", "ORDER", "GROUP", "PARTITION", "FILTER", "WITHIN",
            "RLIKE", "SIMILAR", "TO", "ESCAPE", "UNNEST", "SET");

    private PostgresSyntax() {
    }

    /** The text with PostgreSQL's spellings rewritten (the same text when it has none). */
    static String rewrite(String text) {
        if (!mayHaveAny(text)) {
            return text;
        }
        return apply(text, replacements(text), new ArrayList<>());
    }

    /** A diagnostic about the rewritten text, positioned in the text as written. */
    static Diagnostic remap(Diagnostic d, String original) {
        if (!mayHaveAny(original) || d.range().startLine() <= 0) {
            return d;
        }
        List<Edit> edits = new ArrayList<>();
        apply(original, replacements(original), edits);
        if (edits.isEmpty()) {
            return d;
        }
        SourceRange r = d.range();
        SourceRange mapped = new SourceRange(r.startLine(), column(edits, r.startLine(), r.startColumn()),
                r.endLine(), column(edits, r.endLine(), r.endColumn()));
        String message = d.message();
        if (original.indexOf('~') >= 0 && !original.toUpperCase(Locale.ROOT).contains("RLIKE")) {
            message = message.replace("NOT RLIKE", "!~").replace("RLIKE", "~");
        }
        return new Diagnostic(d.severity(), d.code(), message, mapped);
    }

    private static boolean mayHaveAny(String text) {
        return text.indexOf('~') >= 0 || text.contains("::") || text.indexOf('[') >= 0;
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

    /** Applies the replacements in offset order, recording an {@link Edit} for each. */
    private static String apply(String text, List<Replacement> replacements, List<Edit> edits) {
        replacements.sort(Comparator.comparingInt(Replacement::offset).thenComparingInt(Replacement::order));
        StringBuilder out = new StringBuilder(text.length() + 16 * replacements.size());
        int line = 1;
        int lineStart = 0;
        int outLineStart = 0;
        int pos = 0;
        for (Replacement r : replacements) {
            for (; pos < r.offset(); pos++) {
                char c = text.charAt(pos);
                out.append(c);
                if (c == '\n') {
                    line++;
                    lineStart = pos + 1;
                    outLineStart = out.length();
                }
            }
            edits.add(new Edit(line, r.offset() - lineStart + 1, out.length() - outLineStart + 1, r.length(),
                    r.text().length()));
            out.append(r.text());
            pos = r.offset() + r.length();
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    private static List<Replacement> replacements(String text) {
        List<Token> tokens = tokenize(text);
        List<Replacement> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == 'p' && t.text().indexOf('~') >= 0) {
                for (String[] op : REGEX_OPERATORS) {
                    if (op[0].equals(t.text())) {
                        out.add(new Replacement(t.start(), t.end() - t.start(), op[1], 0));
                    }
                }
            } else if (emptyBrackets(text, tokens, i) && !(i > 0 && tokens.get(i - 1).is("ARRAY"))) {
                out.add(new Replacement(t.start(), tokens.get(i + 1).end() - t.start(), " ARRAY", 0));
            }
        }
        casts(tokens, out);
        return out;
    }

    /** True when tokens {@code i} and {@code i + 1} are {@code [} and {@code ]} on one line. */
    private static boolean emptyBrackets(String text, List<Token> tokens, int i) {
        return tokens.get(i).is("[") && i + 1 < tokens.size() && tokens.get(i + 1).is("]")
                && text.substring(tokens.get(i).start(), tokens.get(i + 1).end()).indexOf('\n') < 0;
    }

    /** Adds the replacements of every {@code x::T} that has an operand and a type this rewrite understands. */
    private static void casts(List<Token> tokens, List<Replacement> out) {
        // Per token that ends the type of a rewritten cast: the first token of that cast's operand (for chains).
        Map<Integer, Integer> castStarts = new HashMap<>();
        int sequence = 0;
        for (int k = 1; k + 1 < tokens.size(); k++) {
            if (!tokens.get(k).is("::")) {
                continue;
            }
            int start = castStarts.containsKey(k - 1) ? castStarts.get(k - 1) : operandStart(tokens, k - 1);
            int typeEnd = typeEnd(tokens, k + 1);
            if (start < 0 || typeEnd < 0) {
                continue;
            }
            sequence++;
            // Nested casts open at the same offset: the later (outer) one first.
            out.add(new Replacement(tokens.get(start).start(), 0, "CAST(", -sequence));
            out.add(new Replacement(tokens.get(k).start(), 2, " AS ", 1));
            String alias = TYPE_NAMES.get(tokens.get(k + 1).text().toUpperCase(Locale.ROOT));
            if (alias != null && tokens.get(k + 1).word()) {
                Token name = tokens.get(k + 1);
                out.add(new Replacement(name.start(), name.end() - name.start(), alias, 0));
            }
            out.add(new Replacement(tokens.get(typeEnd).end(), 0, ")", 0));
            castStarts.put(typeEnd, start);
        }
    }

    /** The first token of the operand that ends at token {@code e}, or -1 when it is none this rewrite knows. */
    private static int operandStart(List<Token> tokens, int e) {
        Token t = tokens.get(e);
        if (t.is(")")) {
            int open = matching(tokens, e, "(", ")");
            if (open > 0 && tokens.get(open - 1).word()
                    && !NOT_FUNCTIONS.contains(tokens.get(open - 1).text().toUpperCase(Locale.ROOT))) {
                return qualifiedStart(tokens, open - 1);
            }
            return open;
        }
        if (t.is("]")) {
            int open = matching(tokens, e, "[", "]");
            if (open <= 0) {
                return -1;
            }
            if (tokens.get(open - 1).is("ARRAY")) {
                return open - 1;
            }
            return operandStart(tokens, open - 1);
        }
        if (t.kind() == 's') {
            return e;
        }
        if (t.kind() == 'q' || (t.word() && !NOT_FUNCTIONS.contains(t.text().toUpperCase(Locale.ROOT)))) {
            return qualifiedStart(tokens, e);
        }
        return -1;
    }

    /** The first token of the qualified name ({@code a.b.c}) that ends at token {@code e}. */
    private static int qualifiedStart(List<Token> tokens, int e) {
        int s = e;
        while (s >= 2 && tokens.get(s - 1).is(".") && (tokens.get(s - 2).word() || tokens.get(s - 2).kind() == 'q')) {
            s -= 2;
        }
        return s;
    }

    /** The index of the bracket that opens the one closing at {@code close}, or -1. */
    private static int matching(List<Token> tokens, int close, String open, String closing) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            if (tokens.get(i).is(closing)) {
                depth++;
            } else if (tokens.get(i).is(open) && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The last token of the type name starting at token {@code s}, or -1 when there is none. */
    private static int typeEnd(List<Token> tokens, int s) {
        Token first = tokens.get(s);
        if (!first.word() || Character.isDigit(first.text().charAt(0))) {
            return -1;
        }
        int e = s;
        String name = first.text().toUpperCase(Locale.ROOT);
        if (e + 1 < tokens.size() && ((name.equals("DOUBLE") && tokens.get(e + 1).is("PRECISION"))
                || ((name.equals("CHARACTER") || name.equals("CHAR")) && tokens.get(e + 1).is("VARYING")))) {
            e++;
        }
        if (e + 1 < tokens.size() && tokens.get(e + 1).is("(")) {
            int close = e + 1;
            while (close < tokens.size() && !tokens.get(close).is(")")) {
                close++;
            }
            if (close == tokens.size()) {
                return -1;
            }
            e = close;
        }
        while (e + 1 < tokens.size()) {
            if (tokens.get(e + 1).is("ARRAY")) {
                e++;
            } else if (e + 2 < tokens.size() && tokens.get(e + 1).is("[") && tokens.get(e + 2).is("]")) {
                e += 2;
            } else {
                break;
            }
        }
        return e;
    }

    /** The tokens of the text: comments and blanks skipped, strings and quoted names one token each. */
    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int skip = skippable(text, i);
            if (skip > i) {
                if (c == '\'' || c == '"') {
                    tokens.add(new Token(i, skip, text.substring(i, skip), c == '\'' ? 's' : 'q'));
                }
                i = skip;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int j = i + 1;
                boolean number = Character.isDigit(c);
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '$'
                        || (number && text.charAt(j) == '.'))) {
                    j++;
                }
                tokens.add(new Token(i, j, text.substring(i, j), 'w'));
                i = j;
            } else {
                int len = 1;
                if (text.startsWith("::", i)) {
                    len = 2;
                } else if (c == '~' || c == '!') {
                    for (String[] op : REGEX_OPERATORS) {
                        if (text.startsWith(op[0], i)) {
                            len = op[0].length();
                            break;
                        }
                    }
                }
                tokens.add(new Token(i, i + len, text.substring(i, i + len), 'p'));
                i += len;
            }
        }
        return tokens;
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
