package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.SourceRange;

/**
 * A {@code LATENESS <constant>} attribute of a column in CREATE TABLE, as written: the column's name, the text
 * of the constant, where the keyword is and where the constant is (for diagnostics).
 */
public record LatenessClause(String column, String value, SourceRange keyword, SourceRange valueRange) {
}
