package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.engine.ColumnDefault;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The columns of a table or view, in order. Column lookup is case-insensitive: an exact match wins,
 * otherwise a unique case-insensitive match (Calcite upper-cases unquoted identifiers, clients
 * usually write lower case); names that differ only by case must then be written exactly.
 */
public final class RelationShape {
    private static final int AMBIGUOUS = -2;

    private final String name;
    private final List<ColumnShape> columns;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();
    private final int[] key;
    private final ColumnDefault[] defaults;
    private final boolean appendOnly;

    /** A shape with the given columns; column names must be distinct. */
    public RelationShape(String name, List<ColumnShape> columns) {
        this(name, columns, new int[0], null);
    }

    /**
     * A table's shape with its primary key ({@code key}: column positions, empty for none) and the DEFAULTs
     * ingress gives to omitted columns ({@code defaults}: one per column, null entries for none; null: none at all).
     */
    public RelationShape(String name, List<ColumnShape> columns, int[] key, ColumnDefault[] defaults) {
        this(name, columns, key, defaults, false);
    }

    /** A table's shape as above, append-only ({@code WITH ('append_only' = 'true')}: inserts only) or not. */
    public RelationShape(String name, List<ColumnShape> columns, int[] key, ColumnDefault[] defaults,
                         boolean appendOnly) {
        this.appendOnly = appendOnly;
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.key = key.clone();
        this.defaults = defaults == null ? new ColumnDefault[this.columns.size()] : defaults.clone();
        if (this.defaults.length != this.columns.size()) {
            throw new IllegalArgumentException(this.defaults.length + " defaults for " + this.columns.size() + " columns");
        }
        for (int i = 0; i < this.columns.size(); i++) {
            String c = this.columns.get(i).name();
            if (exact.put(c, i) != null) {
                throw new IllegalArgumentException("duplicate column " + c + " in " + name);
            }
            folded.merge(c.toLowerCase(Locale.ROOT), i, (a, b) -> AMBIGUOUS);
        }
    }

    /** A shape from parallel lists of names and types (e.g. names from the schema, types from the circuit). */
    public static RelationShape of(String name, List<String> names, List<SqlType> types) {
        if (names.size() != types.size()) {
            throw new IllegalArgumentException(names.size() + " names but " + types.size() + " types for " + name);
        }
        List<ColumnShape> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cols.add(new ColumnShape(names.get(i), types.get(i)));
        }
        return new RelationShape(name, cols);
    }

    /** A shape from a compiled program's schema, parsing the compiler's type strings. */
    public static RelationShape from(ProgramSchema.Relation relation) {
        List<ColumnShape> cols = new ArrayList<>();
        for (ProgramSchema.Column c : relation.columns()) {
            cols.add(new ColumnShape(c.name(), SqlTypeNames.parse(c.sqlType(), c.nullable())));
        }
        return new RelationShape(relation.name(), cols);
    }

    /** The table or view name. */
    public String name() {
        return name;
    }

    /** The columns in order. */
    public List<ColumnShape> columns() {
        return columns;
    }

    /** Number of columns. */
    public int size() {
        return columns.size();
    }

    /** The column at position {@code i}. */
    public ColumnShape column(int i) {
        return columns.get(i);
    }

    /** True when the relation is an append-only table (inserts only). */
    public boolean appendOnly() {
        return appendOnly;
    }

    /** True when the relation is a table with a primary key. */
    public boolean hasKey() {
        return key.length > 0;
    }

    /** Whether column {@code i} is part of the primary key. */
    public boolean isKey(int i) {
        for (int k : key) {
            if (k == i) {
                return true;
            }
        }
        return false;
    }

    /** The declared DEFAULT of column {@code i}, or null when it has none (an omitted column is then NULL). */
    public ColumnDefault defaultOf(int i) {
        return defaults[i];
    }

    /** Position of the column named {@code key} (exact, else unique case-insensitive match), or -1. */
    public int indexOf(String key) {
        Integer i = exact.get(key);
        if (i != null) {
            return i;
        }
        Integer f = folded.get(key.toLowerCase(Locale.ROOT));
        return f == null || f == AMBIGUOUS ? -1 : f;
    }

    @Override
    public String toString() {
        return name + columns;
    }
}
