package io.pipelinemanager.core.api;

import java.util.List;
import java.util.Objects;

/** The relations a compiled program declares: its input tables and its views, in declaration order. */
public record ProgramSchema(List<Relation> tables, List<Relation> views) {

    /** The schema of a program that declares nothing (or was not compiled yet). */
    public static final ProgramSchema EMPTY = new ProgramSchema(List.of(), List.of());

    public ProgramSchema {
        tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
        views = List.copyOf(Objects.requireNonNull(views, "views"));
    }

    /**
     * A table or view: its name, columns, primary key (tables only, may be empty), whether it is materialized (views:
     * its contents are kept, so snapshot queries and change-stream snapshots can read it) and whether it is an
     * append-only table ({@code WITH ('append_only' = 'true')}: inserts only, its rows are not kept, snapshot
     * queries cannot read it).
     */
    public record Relation(String name, List<Column> columns, List<String> primaryKey, boolean materialized,
                           boolean appendOnly) {
        public Relation {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
            primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "primaryKey"));
        }

        /** A relation that is not an append-only table. */
        public Relation(String name, List<Column> columns, List<String> primaryKey, boolean materialized) {
            this(name, columns, primaryKey, materialized, false);
        }
    }

    /** A column: its name, its SQL type as written by the compiler (e.g. {@code DECIMAL(10, 2)}) and nullability. */
    public record Column(String name, String sqlType, boolean nullable) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sqlType, "sqlType");
        }
    }
}
