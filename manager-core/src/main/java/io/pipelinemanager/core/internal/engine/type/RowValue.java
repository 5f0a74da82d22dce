package io.pipelinemanager.core.internal.engine.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The engine value of a {@link TypeKind#ROW} type: the field values in declaration order (NULL fields allowed),
 * immutable. A NULL row is Java {@code null}; a row of NULLs is a {@code RowValue} whose fields are all null.
 * Equality and hashing follow {@link Values#equal}/{@link Values#hash} (field by field, NULL fields equal), so
 * rows group and join as PostgreSQL's composite values do.
 */
public final class RowValue {
    private final List<Object> fields;

    private RowValue(List<Object> fields) {
        this.fields = fields;
    }

    /** A row holding the values of {@code fields} (copied), one field per element. */
    public static RowValue ofFields(List<?> fields) {
        return new RowValue(Collections.unmodifiableList(new ArrayList<>(fields)));
    }

    /** A row holding {@code fields} (copied). */
    public static RowValue of(Object... fields) {
        return ofFields(java.util.Arrays.asList(fields));
    }

    /** The field values, unmodifiable. */
    public List<Object> fields() {
        return fields;
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    /** The value of field {@code i} (0-based). */
    public Object get(int i) {
        return fields.get(i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowValue r && Values.equal(this, r);
    }

    @Override
    public int hashCode() {
        return Values.hash(this);
    }

    @Override
    public String toString() {
        return "ROW" + fields;
    }
}
