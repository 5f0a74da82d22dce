package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.ColumnDefault;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.RowSizes;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.util.function.LongConsumer;

/**
 * Accumulates the parsed records of one request in order, counting records and enforcing the record limit; the
 * estimated size of every row is charged (to the pipeline's input budget) before the row is kept. It also
 * completes records the same way for every format ({@link #record}): omitted columns take their DEFAULT, and
 * which columns a record must give depends on what it does and on the table's primary key.
 */
final class RowCollector {
    /** Builds the error of the current record: the column (or null) and the reason. */
    interface Problem {
        ManagerException at(String column, String reason);
    }

    private final RelationShape table;
    private final long maxRecords;
    private final TableChanges.Builder changes = new TableChanges.Builder();
    private final LongConsumer charge;
    private long records;

    RowCollector(RelationShape table, long maxRecords, LongConsumer charge) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords must be >= 0");
        }
        this.table = table;
        this.maxRecords = maxRecords;
        this.charge = charge;
    }

    /** Starts the next record and returns its 1-based number; throws BackPressure past the limit. */
    long begin() {
        if (records >= maxRecords) {
            throw IngressErrors.tooManyRecords(table.name(), maxRecords);
        }
        return ++records;
    }

    /**
     * Completes and adds one record whose given columns {@code seen} marks ({@code values}: the parsed values,
     * taken over). An insert, and a delete from a table without a key, names a whole row: an omitted column
     * takes its DEFAULT (NULL when it has none, an error for a NOT NULL column). A delete from a table with a
     * key needs the key columns only (its other columns are not compared). An update needs a table with a key
     * and its key columns; it changes only the columns it gives. A NULL given for a NOT NULL column was refused
     * while parsing.
     */
    void record(TableChanges.Kind kind, Object[] values, boolean[] seen, Problem problem) {
        if (kind != TableChanges.Kind.INSERT && table.appendOnly()) {
            throw problem.at(null, "table " + table.name() + " is append-only (WITH ('append_only' = 'true')), so it "
                    + "takes inserts only, no " + (kind == TableChanges.Kind.DELETE ? "deletes" : "updates"));
        }
        if (kind == TableChanges.Kind.UPDATE && !table.hasKey()) {
            throw problem.at(null, "table " + table.name() + " has no primary key, so it takes no update records "
                    + "(delete the old row and insert the new one)");
        }
        boolean wholeRow = kind == TableChanges.Kind.INSERT || !table.hasKey();
        for (int i = 0; i < values.length; i++) {
            if (seen[i]) {
                continue;
            }
            if (table.isKey(i)) {
                throw problem.at(table.column(i).name(), "missing value for a primary key column");
            }
            if (!wholeRow) {
                continue;
            }
            ColumnDefault d = table.defaultOf(i);
            if (d != null) {
                values[i] = d.value();
            } else if (!table.column(i).type().nullable()) {
                throw problem.at(table.column(i).name(), "missing value for a NOT NULL column");
            }
        }
        charge.accept(RowSizes.estimate(values));
        ArrayRow row = new ArrayRow(values);
        switch (kind) {
            case INSERT -> changes.insert(row);
            case DELETE -> changes.delete(row);
            case UPDATE -> changes.update(row, seen);
            default -> throw new IllegalStateException();
        }
    }

    /** Number of records begun so far. */
    long records() {
        return records;
    }

    /** The changes in arrival order. */
    TableChanges build() {
        return changes.build();
    }
}
