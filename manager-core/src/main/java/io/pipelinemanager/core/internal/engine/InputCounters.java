package io.pipelinemanager.core.internal.engine;

/**
 * What a circuit ignored of one table's input since it started.
 *
 * @param ignoredDeletes deletes of rows (a table with a key: of keys) the table did not hold
 * @param ignoredUpdates updates of keys the table did not hold
 * @param lateRecords    changes dropped because their row was below the table's watermark ({@link io.pipelinemanager.core.internal.engine.operator.Lateness})
 */
public record InputCounters(long ignoredDeletes, long ignoredUpdates, long lateRecords) {

    /** Counters of a table without late records. */
    public InputCounters(long ignoredDeletes, long ignoredUpdates) {
        this(ignoredDeletes, ignoredUpdates, 0);
    }
}
