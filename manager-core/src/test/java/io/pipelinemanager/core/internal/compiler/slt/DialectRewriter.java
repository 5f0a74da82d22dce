package io.pipelinemanager.core.internal.compiler.slt;

import java.util.regex.Pattern;

/**
 * Adapts the corpus's SQLite-flavoured DDL to what our compiler accepts: a column-level
 * {@code UNIQUE} is dropped (Calcite's DDL grammar lacks it; the engine enforces no constraints).
 */
final class DialectRewriter {

    private static final Pattern COLUMN_UNIQUE = Pattern.compile("(?i)\\s+UNIQUE\\b(?!\\s*\\()");

    private DialectRewriter() {
    }

    /** The CREATE TABLE statement without column-level UNIQUE constraints. */
    static String createTable(String sql) {
        return COLUMN_UNIQUE.matcher(sql).replaceAll("");
    }
}
