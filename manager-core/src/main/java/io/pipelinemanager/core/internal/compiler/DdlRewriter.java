package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * Accepts column-level {@code PRIMARY KEY} (e.g. {@code id INT PRIMARY KEY}), which Calcite's DDL
 * grammar lacks: the two keywords are blanked out (same length, so every parser position stays
 * exact) and the column is recorded as a key of its table; tables are listed in the order of
 * their CREATE TABLE statements. Interval column types ({@code INTERVAL DAY TO SECOND}) are joined
 * into one type name the same way, and a column-level {@code UNIQUE} is blanked (reported as a
 * warning: constraints are not enforced).
 */
final class DdlRewriter {

    /**
     * The rewritten text, per CREATE TABLE statement in order its column-level key columns, and the
     * offsets of column-level UNIQUE keywords that were blanked (they become "not enforced" warnings).
     */
    record Result(String text, List<List<String>> keys, List<Integer> ignoredUnique) {
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
        List<Integer> unique = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).is("CREATE") && tokens.get(i + 1).is("TABLE")) {
                int open = i + 2;
                while (open < tokens.size() && !tokens.get(open).is("(") && !tokens.get(open).is(";")) {
                    open++;
                }
                boolean hasColumns = open < tokens.size() && tokens.get(open).is("(");
                keys.add(hasColumns ? scanElements(tokens, open + 1, out, unique) : List.of());
            }
        }
        return new Result(new String(out), keys, unique);
    }

    /** Scans the elements of a column list starting after '('; blanks column-level PRIMARY KEY. */
    private static List<String> scanElements(List<Token> tokens, int from, char[] out, List<Integer> unique) {
        List<String> columns = new ArrayList<>();
        int depth = 0;
        int elementStart = from;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
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
                unique.add(t.start());
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
