package io.pipelinemanager.core.api;

import java.util.Objects;

/**
 * One unit of change of a table or view: a row inserted or deleted. Pushed into a table
 * ({@link io.pipelinemanager.core.PipelineManager#push}) the row is a {@code Map<String, ?>}, a record or an
 * object with getters; received from a view it is the row type the subscriber asked for (a
 * {@code Map<String, Object>} or a record). An update is a delete of the old row and an insert of the new one.
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
        /** The row is removed (its multiplicity shrinks by one). */
        DELETE
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

    /** Whether this is an insert. */
    public boolean isInsert() {
        return kind == Kind.INSERT;
    }

    /** {@code insert <row>} or {@code delete <row>}. */
    @Override
    public String toString() {
        return (kind == Kind.INSERT ? "insert " : "delete ") + row;
    }
}
