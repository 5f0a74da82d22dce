package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.engine.ColumnDefault;
import io.pipelinemanager.core.internal.engine.operator.Lateness;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.impl.AbstractTable;

/** A relation of a program's catalog: an input table or a view, with its row type, as a Calcite table. */
public final class CatalogEntry extends AbstractTable {

    /** Whether a relation is an input table or a view. */
    public enum Kind { TABLE, VIEW }

    private final String name;
    private final Kind kind;
    private final RelDataType rowType;
    private final List<String> primaryKey;
    private final boolean materialized;
    private final ColumnDefault[] defaults;
    private final Lateness lateness;
    private final boolean appendOnly;

    CatalogEntry(String name, Kind kind, RelDataType rowType, List<String> primaryKey, boolean materialized) {
        this(name, kind, rowType, primaryKey, materialized, null);
    }

    /** A table whose columns have the DEFAULTs {@code defaults} (one per column, null entries for none; null: none). */
    CatalogEntry(String name, Kind kind, RelDataType rowType, List<String> primaryKey, boolean materialized,
                 ColumnDefault[] defaults) {
        this(name, kind, rowType, primaryKey, materialized, defaults, null);
    }

    /** A table with DEFAULTs and a {@code LATENESS} column ({@code lateness}; null for none). */
    CatalogEntry(String name, Kind kind, RelDataType rowType, List<String> primaryKey, boolean materialized,
                 ColumnDefault[] defaults, Lateness lateness) {
        this(name, kind, rowType, primaryKey, materialized, defaults, lateness, false);
    }

    /** A table as above that is append-only ({@code WITH ('append_only' = 'true')}) or not. */
    CatalogEntry(String name, Kind kind, RelDataType rowType, List<String> primaryKey, boolean materialized,
                 ColumnDefault[] defaults, Lateness lateness, boolean appendOnly) {
        this.lateness = lateness;
        this.appendOnly = appendOnly;
        this.defaults = defaults == null ? new ColumnDefault[rowType.getFieldCount()] : defaults.clone();
        this.name = name;
        this.kind = kind;
        this.rowType = rowType;
        this.primaryKey = List.copyOf(primaryKey);
        this.materialized = materialized;
    }

    /** The declared name (as written, unquoted identifiers keep their case). */
    public String name() {
        return name;
    }

    /** Table or view. */
    public Kind kind() {
        return kind;
    }

    /** The row type of the relation. */
    public RelDataType rowType() {
        return rowType;
    }

    /** The primary key column names (tables only; may be empty). */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** The declared DEFAULT of each column (null where none). */
    public ColumnDefault[] defaults() {
        return defaults.clone();
    }

    /** The table's {@code LATENESS} column, null for none (and for views). */
    public Lateness lateness() {
        return lateness;
    }

    /** Whether the table takes inserts only and keeps no rows ({@code WITH ('append_only' = 'true')}). */
    public boolean appendOnly() {
        return appendOnly;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return typeFactory.copyType(rowType);
    }

    /** The relation as the public schema describes it. */
    public ProgramSchema.Relation toRelation() {
        List<ProgramSchema.Column> columns = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            columns.add(new ProgramSchema.Column(f.getName(), SqlTypes.describe(f.getType()), f.getType().isNullable()));
        }
        return new ProgramSchema.Relation(name, columns, primaryKey, materialized, appendOnly);
    }
}
