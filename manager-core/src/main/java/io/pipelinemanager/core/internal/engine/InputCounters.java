package io.pipelinemanager.core.internal.engine;

/**
 * What a circuit ignored of one table's input since it started.
 *
 * @param ignoredDeletes deletes of rows (a table with a key: of keys) the table did not hold
 * @param ignoredUpdates updates of keys the table did not hold
 */
public record InputCounters(long ignoredDeletes, long ignoredUpdates) {
}
