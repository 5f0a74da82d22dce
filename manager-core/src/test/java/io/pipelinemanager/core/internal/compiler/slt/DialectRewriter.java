package io.pipelinemanager.core.internal.compiler.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapts the corpus's SQLite-flavoured DDL to the statements our compiler accepts: a column-level
 * {@code PRIMARY KEY} becomes a table-level key (Calcite's DDL grammar only knows the latter) and a
 * column-level {@code UNIQUE} is dropped (constraints are not enforced by the engine anyway).
 */
final class DialectRewriter {

    private static final Pattern COLUMN_KEY = Pattern.compile(
            "(?i)(\\b\\w+)(\\s+\\w+(\\s*\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?)\\s+PRIMARY\\s+KEY\\b");

    private static final Pattern COLUMN_UNIQUE = Pattern.compile("(?i)\\s+UNIQUE\\b(?!\\s*\\()");

    private DialectRewriter() {
    }

    /** The CREATE TABLE statement with column-level primary keys moved to a table constraint. */
    static String createTable(String sql) {
        String stripped = COLUMN_UNIQUE.matcher(sql).replaceAll("");
        Matcher m = COLUMN_KEY.matcher(stripped);
        List<String> keys = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            keys.add(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2)));
        }
        m.appendTail(out);
        if (keys.isEmpty()) {
            return stripped;
        }
        int close = out.lastIndexOf(")");
        return out.substring(0, close) + ", PRIMARY KEY (" + String.join(", ", keys) + ")" + out.substring(close);
    }
}
