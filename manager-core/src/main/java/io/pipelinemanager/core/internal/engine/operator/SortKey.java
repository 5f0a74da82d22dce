package io.pipelinemanager.core.internal.engine.operator;

/** One ORDER BY key: column index, direction and NULL placement. */
public record SortKey(int column, boolean descending, boolean nullsFirst) {

    /** Ascending with SQL-default NULL placement for ascending order in Calcite (NULLS LAST). */
    public static SortKey asc(int column) {
        return new SortKey(column, false, false);
    }

    /** Descending with NULLS FIRST (Calcite's default for DESC). */
    public static SortKey desc(int column) {
        return new SortKey(column, true, true);
    }
}
