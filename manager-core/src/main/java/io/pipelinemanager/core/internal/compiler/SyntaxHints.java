package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Plainer syntax errors than the parser's: a string literal that is never closed is reported as such at its
 * opening quote (the parser only stumbles over it somewhere later), and a reserved word used as a name gets
 * the hint to quote it.
 */
final class SyntaxHints {

    private static final SqlAbstractParserImpl.Metadata METADATA =
            SqlParser.create("", CalciteSetup.PARSER).getMetadata();

    /** Keywords after which a name is expected: the parser reports the keyword, the culprit is the next word. */
    private static final Set<String> NAME_FOLLOWS = Set.of("TABLE", "VIEW");

    private SyntaxHints() {
    }

    /** A clearer diagnostic for a syntax error in {@code text}, or {@code error} itself. */
    static Diagnostic improve(Diagnostic error, String text) {
        if (text == null) {
            return error;
        }
        int quote = unterminatedQuote(text);
        if (quote >= 0) {
            int[] at = lineColumn(text, quote);
            return Diagnostic.error(DiagnosticCodes.SYNTAX_ERROR, "unterminated string literal: the quote at line "
                    + at[0] + ", column " + at[1] + " is never closed (write '' for a quote inside a string)",
                    new SourceRange(at[0], at[1], at[0], at[1]));
        }
        SourceRange range = error.range();
        if (range.startLine() <= 0) {
            return error;
        }
        int offset = offset(text, range.startLine(), range.startColumn());
        if (offset < 0) {
            return error;
        }
        String word = wordAt(text, offset);
        if (word != null && NAME_FOLLOWS.contains(word.toUpperCase(Locale.ROOT))) {
            int next = skipBlanks(text, offset + word.length());
            String name = wordAt(text, next);
            if (name != null && isReserved(name)) {
                return reserved(name, text, next);
            }
        }
        if (word != null && isReserved(word) && !NAME_FOLLOWS.contains(word.toUpperCase(Locale.ROOT))
                && looksLikeName(text, offset)) {
            return reserved(word, text, offset);
        }
        return error;
    }

    private static Diagnostic reserved(String word, String text, int offset) {
        int[] at = lineColumn(text, offset);
        return Diagnostic.error(DiagnosticCodes.SYNTAX_ERROR, "\"" + word + "\" is a reserved word; to use it as a"
                + " name, write it in double quotes: \"" + word + "\"",
                new SourceRange(at[0], at[1], at[0], at[1] + word.length() - 1));
    }

    /** Whether the word at {@code offset} stands where a name would: after a comma, a parenthesis, AS, or a dot. */
    private static boolean looksLikeName(String text, int offset) {
        int i = offset - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = text.charAt(i);
        if (c == ',' || c == '(' || c == '.') {
            return true;
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(text.charAt(i))) {
            i--;
        }
        String before = text.substring(i + 1, end).toUpperCase(Locale.ROOT);
        return before.equals("AS") || before.equals("FROM") || before.equals("JOIN") || before.equals("SELECT");
    }

    private static boolean isReserved(String word) {
        return METADATA.isReservedWord(word.toUpperCase(Locale.ROOT));
    }

    /** The offset of the opening quote of a string literal that is never closed, or -1. */
    static int unterminatedQuote(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        return c == '\'' ? i : -1;
                    }
                    if (text.charAt(j) == c) {
                        if (j + 1 < n && text.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String wordAt(String text, int offset) {
        int end = offset;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end == offset || !Character.isLetter(text.charAt(offset)) ? null : text.substring(offset, end);
    }

    private static int skipBlanks(String text, int offset) {
        int i = offset;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int offset(String text, int line, int column) {
        int l = 1;
        int i = 0;
        while (l < line && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                l++;
            }
        }
        int o = i + column - 1;
        return l == line && o < text.length() ? o : -1;
    }

    /** The 1-based line and column of a character offset in {@code text}. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
