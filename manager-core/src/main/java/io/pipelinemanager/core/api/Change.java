package io.pipelinemanager.core.api;

import java.util.Objects;

/**
 * One unit of change of a table or view: a row inserted or deleted, or (pushed into a table with a primary key
 * only) a row updated by key. Pushed into a table
 * ({@link io.pipelinemanager.core.PipelineManager#push}) the row is a {@code Map<String, ?>}, a record or an
 * object with getters; received from a view it is the row type the subscriber asked for (a
 * {@code Map<String, Object>} or a record). A view's update is a delete of the old row and an insert of the new
 * one; views never send {@link Kind#UPDATE}.
 *
 * @param kind insert or delete
 * @param row  the row, never null
 * @param <T>  the row type
 */
public record Change<T>(Kind kind, T row) {

    /** Whether the row enters or leaves the relation. */
    public enum Kind {
        /** The row is added (its multiplicity grows by one). */
        INSERT,
        /**
         * The row is removed (its multiplicity shrinks by one). In a table with a primary key, the row of the
         * same key is removed whatever its other columns; the row needs its key columns only. A delete of a row
         * (or key) the table does not hold is ignored and counted in the pipeline's statistics.
         */
        DELETE,
        /**
         * Pushed into a table with a primary key only: the columns the row gives (its key columns are required)
         * replace those of the row of the same key, the others keep their values; a {@code Map} gives just the
         * columns it has, a record or an object with getters gives every column. An update of a key the table
         * does not hold is ignored and counted in the pipeline's statistics.
         */
        UPDATE
    }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(row, "row");
    }

    /** An insert of {@code row}. */
    public static <T> Change<T> insert(T row) {
        return new Change<>(Kind.INSERT, row);
    }

    /** A delete of {@code row}. */
    public static <T> Change<T> delete(T row) {
        return new Change<>(Kind.DELETE, row);
    }

    /** An update by key of the columns {@code row} gives (tables with a primary key only). */
    public static <T> Change<T> update(T row) {
        return new Change<>(Kind.UPDATE, row);
    }

    /** Whether this is an insert. */
    public boolean isInsert() {
        return kind == Kind.INSERT;
    }

    /** {@code insert <row>}, {@code delete <row>} or {@code update <row>}. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + row;
    }
}
