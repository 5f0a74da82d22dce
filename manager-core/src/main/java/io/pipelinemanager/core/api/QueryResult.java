package io.pipelinemanager.core.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result of a snapshot query: its columns and its rows, in the query's ORDER BY order (or an
 * unspecified order without one). Values use the engine's Java representation: integers as
 * {@code Long}, DECIMAL as {@code BigDecimal}, REAL/DOUBLE as {@code Double}, strings, booleans,
 * {@code LocalDate}/{@code LocalTime}/{@code LocalDateTime}, intervals as {@code Long}, ARRAY as a {@code List},
 * ROW as a {@code List} of its field values in declaration order (the column's type names the fields), MAP as
 * a {@code Map} in key order (all unmodifiable), VARIANT as its compact JSON text ({@code String}, JSON null as
 * {@code "null"}), NULL as null.
 */
public record QueryResult(List<ProgramSchema.Column> columns, List<List<Object>> rows) {

    public QueryResult {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        List<List<Object>> copy = new ArrayList<>(rows.size());
        // Rows may hold NULLs, which List.copyOf refuses.
        rows.forEach(r -> copy.add(Collections.unmodifiableList(new ArrayList<>(r))));
        rows = Collections.unmodifiableList(copy);
    }
}
