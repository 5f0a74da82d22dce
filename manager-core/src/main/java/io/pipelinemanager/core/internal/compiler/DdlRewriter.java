package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * Accepts column-level {@code PRIMARY KEY} (e.g. {@code id INT PRIMARY KEY}), which Calcite's DDL
 * grammar lacks: the two keywords are blanked out (same length, so every parser position stays
 * exact) and the column is recorded as a key of its table; tables are listed in the order of
 * their CREATE TABLE statements. Interval column types ({@code INTERVAL DAY TO SECOND}) are joined
 * into one type name the same way. Constraints the engine does not enforce are blanked the same way
 * and reported as warnings: {@code UNIQUE}, {@code CHECK (...)} and {@code REFERENCES t (...)} after a
 * column, and the table elements {@code [CONSTRAINT c] UNIQUE (...)}, {@code CHECK (...)} and
 * {@code FOREIGN KEY (...) REFERENCES t (...)} (with the comma that separates them). Feldera's column
 * attribute {@code LATENESS <constant>} is blanked and recorded with its column and the text of its constant
 * (checked against the column type later); Feldera's statement {@code LATENESS view.column <constant>;} is blanked
 * too and recorded, with the offsets of its first keyword, so the compiler can answer it. Feldera's table options
 * {@code WITH ('append_only' = 'true')} after a CREATE TABLE's columns are blanked and recorded per table.
 */
final class DdlRewriter {

    /**
     * The rewritten text, per CREATE TABLE statement in order its column-level key columns, and the
     * constraints that were blanked (they become "not enforced" warnings).
     */
    record Result(String text, List<List<String>> keys, List<Ignored> ignored, List<List<Late>> lateness,
                  List<Ignored> latenessStatements, List<List<Option>> options) {
    }

    /**
     * A table option of {@code WITH ('key' = 'value', ...)} after a CREATE TABLE's columns: key and value without
     * their quotes (null key: text there that is not such a pair), and the offsets of the pair in the text.
     */
    record Option(String key, String value, int start, int end) {
    }

    /** One {@code 'key' = 'value'} pair, with the comma before it when it is not the first. */
    private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile(
            "\\s*(,\\s*)?'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'\\s*");

    /**
     * A {@code LATENESS} column attribute: its column, the text of its constant and the offsets of the keyword
     * ({@code start}, {@code end}) and of the constant ({@code valueStart}, {@code valueEnd}) in the text.
     */
    record Late(String column, String value, int start, int end, int valueStart, int valueEnd) {
    }

    /** A blanked constraint: {@code what} it was (e.g. "CHECK") and the offsets of its first keyword. */
    record Ignored(String what, int start, int end) {
    }

    private record Token(String text, int start, int end, boolean quoted) {
        boolean is(String word) {
            return !quoted && text.equalsIgnoreCase(word);
        }
    }

    private DdlRewriter() {
    }

    /** Blanks column-level PRIMARY KEY keywords and collects the key columns per CREATE TABLE. */
    static Result rewrite(String sql) {
        List<Token> tokens = tokenize(sql);
        char[] out = sql.toCharArray();
        List<List<String>> keys = new ArrayList<>();
        List<Ignored> unique = new ArrayList<>();
        List<List<Late>> lateness = new ArrayList<>();
        List<Ignored> latenessStatements = new ArrayList<>();
        List<List<Option>> options = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i + 2 < tokens.size() && tokens.get(i).is("CREATE") && tokens.get(i + 1).is("TABLE")) {
                int open = i + 2;
                while (open < tokens.size() && !tokens.get(open).is("(") && !tokens.get(open).is(";")) {
                    open++;
                }
                boolean hasColumns = open < tokens.size() && tokens.get(open).is("(");
                List<Late> late = new ArrayList<>();
                keys.add(hasColumns ? scanElements(tokens, open + 1, out, unique, sql, late) : List.of());
                lateness.add(late);
                options.add(hasColumns ? options(tokens, afterParens(tokens, open), out, sql) : List.of());
            } else if (tokens.get(i).is("LATENESS") && (i == 0 || tokens.get(i - 1).is(";"))) {
                int end = i;
                while (end < tokens.size() && !tokens.get(end).is(";")) {
                    end++;
                }
                Token t = tokens.get(i);
                latenessStatements.add(new Ignored("LATENESS", t.start(), t.end()));
                blankRange(out, t.start(), end < tokens.size() ? tokens.get(end).end() : sql.length());
                i = end;
            }
        }
        return new Result(new String(out), keys, unique, lateness, latenessStatements, options);
    }

    /**
     * Blanks Feldera's table options {@code WITH ('key' = 'value', ...)} when they follow the column list (token
     * {@code at}: the one after its closing parenthesis) and returns them; Calcite's grammar has no place for them.
     */
    private static List<Option> options(List<Token> tokens, int at, char[] out, String sql) {
        if (at + 1 >= tokens.size() || !tokens.get(at).is("WITH") || !tokens.get(at + 1).is("(")) {
            return List.of();
        }
        int close = afterParens(tokens, at + 1) - 1; // string literals are not tokens: this is the closing ')'
        if (close >= tokens.size() || !tokens.get(close).is(")")) {
            return List.of(); // unbalanced: left to the parser's error
        }
        int from = tokens.get(at + 1).end();
        int to = tokens.get(close).start();
        List<Option> options = new ArrayList<>();
        java.util.regex.Matcher m = OPTION.matcher(sql).region(from, to);
        int pos = from;
        while (pos < to && m.region(pos, to).lookingAt() && (options.isEmpty() == (m.group(1) == null))) {
            options.add(new Option(m.group(2).replace("''", "'"), m.group(3).replace("''", "'"), m.start(2) - 1,
                    m.end(3) + 1));
            pos = m.end();
        }
        if (pos < to && !sql.substring(pos, to).isBlank() || options.isEmpty()) {
            options.add(new Option(null, null, tokens.get(at).start(), tokens.get(close).end()));
        }
        blankRange(out, tokens.get(at).start(), tokens.get(close).end());
        return options;
    }

    /**
     * Blanks a column's {@code LATENESS <constant>} starting at {@code at} and records it; the constant runs to the
     * end of the column's element or to the next column constraint. Returns the index of the first token after it.
     */
    private static int lateness(List<Token> tokens, int at, Token column, char[] out, String sql, List<Late> late) {
        int end = at + 1;
        int depth = 0;
        while (end < tokens.size()) {
            Token t = tokens.get(end);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && depth == 0 || depth == 0 && (t.is(",") || isColumnConstraint(t))) {
                break;
            } else if (t.is(")")) {
                depth--;
            }
            end++;
        }
        Token keyword = tokens.get(at);
        int valueEnd = end < tokens.size() ? tokens.get(end).start() : sql.length();
        while (valueEnd > keyword.end() && Character.isWhitespace(sql.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        int valueStart = keyword.end();
        while (valueStart < valueEnd && Character.isWhitespace(sql.charAt(valueStart))) {
            valueStart++;
        }
        late.add(new Late(column.text(), sql.substring(valueStart, valueEnd), keyword.start(), keyword.end(),
                valueStart, valueEnd));
        blankRange(out, keyword.start(), valueEnd);
        return end;
    }

    private static boolean isColumnConstraint(Token t) {
        return t.is("PRIMARY") || t.is("NOT") || t.is("NULL") || t.is("DEFAULT") || t.is("UNIQUE") || t.is("CHECK")
                || t.is("REFERENCES") || t.is("CONSTRAINT");
    }

    /** Scans the elements of a column list starting after '('; blanks column-level PRIMARY KEY. */
    private static List<String> scanElements(List<Token> tokens, int from, char[] out, List<Ignored> unique,
                                             String sql, List<Late> late) {
        List<String> columns = new ArrayList<>();
        int depth = 0;
        int elementStart = from;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (depth == 0 && i == elementStart && isConstraintStart(t)) {
                int next = tableConstraint(tokens, i, out, unique);
                if (next < tokens.size() && !tokens.get(next).is(",") && !tokens.get(next).is(")")) {
                    elementStart = next; // the element and its comma were blanked: the next element starts here
                }
                i = next - 1;
                continue;
            }
            if (depth == 0 && i > elementStart && !isConstraintStart(tokens.get(elementStart))
                    && (t.is("CHECK") || t.is("REFERENCES") || t.is("CONSTRAINT"))) {
                i = columnConstraint(tokens, i, out, unique) - 1;
                continue;
            }
            if (depth == 0 && t.is("LATENESS") && i > elementStart && !isConstraintStart(tokens.get(elementStart))) {
                i = lateness(tokens, i, tokens.get(elementStart), out, sql, late) - 1;
                continue;
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.is(",") || t.is(")"))) {
                elementStart = i + 1;
                if (t.is(")")) {
                    break;
                }
            } else if (depth == 0 && t.is("UNIQUE") && i > elementStart && !isConstraintStart(tokens.get(elementStart))
                    && (i + 1 >= tokens.size() || !tokens.get(i + 1).is("("))) {
                unique.add(new Ignored("UNIQUE", t.start(), t.end()));
                blank(out, t);
            } else if (depth == 0 && t.is("INTERVAL") && i > elementStart) {
                joinIntervalType(tokens, i, out);
            } else if (depth == 0 && t.is("PRIMARY") && i + 1 < tokens.size() && tokens.get(i + 1).is("KEY")
                    && i > elementStart && !isConstraintStart(tokens.get(elementStart))) {
                Token column = tokens.get(elementStart);
                columns.add(column.text());
                blank(out, t);
                blank(out, tokens.get(i + 1));
            }
        }
        return columns;
    }

    /**
     * Blanks a table element that starts at {@code at} with a constraint, unless it is a PRIMARY KEY, and the comma
     * that separates it from its neighbour; returns the index of the token that ends the element (',' or ')').
     */
    private static int tableConstraint(List<Token> tokens, int at, char[] out, List<Ignored> ignored) {
        int end = at;
        int depth = 0;
        while (end < tokens.size()) {
            Token t = tokens.get(end);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.is(",") || t.is(")"))) {
                break;
            }
            end++;
        }
        int kind = tokens.get(at).is("CONSTRAINT") ? at + 2 : at;
        if (kind >= end || tokens.get(kind).is("PRIMARY") || end >= tokens.size()) {
            return end;
        }
        Token keyword = tokens.get(kind);
        String what = keyword.is("FOREIGN") ? "FOREIGN KEY" : keyword.text().toUpperCase(java.util.Locale.ROOT);
        ignored.add(new Ignored(what, keyword.start(), keyword.end()));
        Token before = tokens.get(at - 1);
        if (before.is(",")) {
            blankRange(out, before.start(), tokens.get(end - 1).end());
            return end;
        }
        // The first element: blank its following comma instead.
        Token after = tokens.get(end);
        blankRange(out, tokens.get(at).start(), after.is(",") ? after.end() : tokens.get(end - 1).end());
        return after.is(",") ? end + 1 : end;
    }

    /**
     * Blanks a column constraint the engine does not enforce, starting at {@code at}: {@code CHECK (...)},
     * {@code REFERENCES t [(...)] [ON DELETE|UPDATE action]...} or a {@code CONSTRAINT name} that names one of
     * them; returns the index of the first token after it.
     */
    private static int columnConstraint(List<Token> tokens, int at, char[] out, List<Ignored> ignored) {
        int i = at;
        if (tokens.get(i).is("CONSTRAINT")) {
            if (i + 2 >= tokens.size() || !(tokens.get(i + 2).is("CHECK") || tokens.get(i + 2).is("REFERENCES"))) {
                return at + 1; // CONSTRAINT before something else: leave it to the parser
            }
            i += 2;
        }
        Token keyword = tokens.get(i);
        int end;
        if (keyword.is("CHECK")) {
            end = afterParens(tokens, i + 1);
            ignored.add(new Ignored("CHECK", keyword.start(), keyword.end()));
        } else {
            end = i + 2; // the referenced table, possibly qualified
            while (end + 1 < tokens.size() && tokens.get(end).is(".")) {
                end += 2;
            }
            end = afterParens(tokens, end);
            while (end + 1 < tokens.size() && tokens.get(end).is("ON")
                    && (tokens.get(end + 1).is("DELETE") || tokens.get(end + 1).is("UPDATE"))) {
                end += 2;
                if (end < tokens.size() && (tokens.get(end).is("SET") || tokens.get(end).is("NO"))) {
                    end++;
                }
                end++;
            }
            ignored.add(new Ignored("FOREIGN KEY", keyword.start(), keyword.end()));
        }
        end = Math.min(end, tokens.size());
        blankRange(out, tokens.get(at).start(), tokens.get(end - 1).end());
        return end;
    }

    /** The index after a balanced parenthesized group starting at {@code at}, or {@code at} when there is none. */
    private static int afterParens(List<Token> tokens, int at) {
        if (at >= tokens.size() || !tokens.get(at).is("(")) {
            return at;
        }
        int depth = 0;
        for (int i = at; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                depth++;
            } else if (tokens.get(i).is(")") && --depth == 0) {
                return i + 1;
            }
        }
        return tokens.size();
    }

    /** Blanks every character in [from, to) except line breaks, so positions after it stay exact. */
    private static void blankRange(char[] out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out[k] != '\n' && out[k] != '\r') {
                out[k] = ' ';
            }
        }
    }

    /**
     * Turns a column type {@code INTERVAL DAY [TO SECOND]} into the single name {@code INTERVAL_DAY[_TO_SECOND]}
     * by replacing the blanks between the words with underscores (Calcite's DDL grammar has no interval
     * column types); only blanks on one line are replaced, so positions stay exact.
     */
    private static void joinIntervalType(List<Token> tokens, int at, char[] out) {
        int last = at;
        if (at + 1 < tokens.size() && isUnit(tokens.get(at + 1))) {
            last = at + 1;
            if (at + 3 < tokens.size() && tokens.get(at + 2).is("TO") && isUnit(tokens.get(at + 3))) {
                last = at + 3;
            }
        }
        for (int k = at; k < last; k++) {
            int from = tokens.get(k).end();
            int to = tokens.get(k + 1).start();
            for (int c = from; c < to; c++) {
                if (out[c] != ' ' && out[c] != '\t') {
                    return;
                }
            }
        }
        for (int k = at; k < last; k++) {
            for (int c = tokens.get(k).end(); c < tokens.get(k + 1).start(); c++) {
                out[c] = '_';
            }
        }
    }

    private static boolean isUnit(Token t) {
        return t.is("YEAR") || t.is("MONTH") || t.is("DAY") || t.is("HOUR") || t.is("MINUTE") || t.is("SECOND");
    }

    private static boolean isConstraintStart(Token t) {
        return t.is("PRIMARY") || t.is("CONSTRAINT") || t.is("UNIQUE") || t.is("FOREIGN") || t.is("CHECK");
    }

    private static void blank(char[] out, Token t) {
        for (int k = t.start(); k < t.end(); k++) {
            out[k] = ' ';
        }
    }

    /** Words, quoted identifiers and single punctuation characters; comments and string literals are skipped. */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && s.startsWith("--", i)) {
                int eol = s.indexOf('\n', i);
                i = eol < 0 ? s.length() : eol + 1;
            } else if (c == '/' && s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '\'' || c == '"') {
                int end = closing(s, i, c);
                if (c == '"') {
                    tokens.add(new Token(s.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""), i, end, true));
                }
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int end = i;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(s.substring(i, end), i, end, false));
                i = end;
            } else {
                tokens.add(new Token(String.valueOf(c), i, i + 1, false));
                i++;
            }
        }
        return tokens;
    }

    private static int closing(String s, int open, char quote) {
        int i = open + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
