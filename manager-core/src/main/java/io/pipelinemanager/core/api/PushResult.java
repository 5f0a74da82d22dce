package io.pipelinemanager.core.api;

/**
 * Rows accepted into a table by one push: the table (as declared), how many record changes the push buffered,
 * the pipeline's buffer after it, and the push's place in the pipeline's input order. Pass it to
 * {@link io.pipelinemanager.core.PipelineManager#awaitApplied} to wait until a step has applied it and learn
 * that step's number.
 *
 * @param table           the table's declared name
 * @param records         record changes buffered (inserts plus deletes)
 * @param bufferedRecords records waiting for a step in the pipeline after this push
 * @param sequence        this push's number among everything the pipeline's current run accepted (from 1);
 *                        everything with a lower number is applied in the same step or an earlier one
 * @param runSince        when the pipeline's current in-memory state began (its {@code state_since}); a push
 *                        made before a restart was lost with that state
 */
public record PushResult(String table, long records, long bufferedRecords, long sequence, java.time.Instant runSince) {
}
