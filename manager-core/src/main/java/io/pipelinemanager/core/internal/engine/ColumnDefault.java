package io.pipelinemanager.core.internal.engine;

/**
 * The declared {@code DEFAULT} of a table column, as an engine value of the column's type (null: DEFAULT NULL).
 * Ingress gives it to a column a record omits.
 *
 * @param value the value (null for SQL NULL)
 */
public record ColumnDefault(Object value) {
}
