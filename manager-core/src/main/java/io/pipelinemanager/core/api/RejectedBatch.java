package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One ingress request a running pipeline set aside because its records made a step fail at run time (division by
 * zero, overflow, a failed cast, ...), with pipeline setting {@code on_runtime_error = reject_batch}. The step was
 * rolled back, the request's records were not applied, and the other requests of the step were applied without
 * it. Its records can be downloaded, fixed and pushed again.
 *
 * @param number     the batch's number in this run of the pipeline, from 1
 * @param rejectedAt when it was set aside
 * @param step       the number of steps the pipeline had completed then: the request failed on that state
 * @param sequence   the push's number (as in {@link PushResult#sequence()})
 * @param table      the table the request pushed to
 * @param records    record changes of the request (inserts plus deletes)
 * @param errorCode  the runtime error: {@code DIVISION_BY_ZERO}, {@code OVERFLOW}, {@code INVALID_CAST},
 *                   {@code INVALID_ARGUMENT}, {@code SINGLE_VALUE}, or {@code INTERNAL} for an unexpected failure
 * @param message    the error's message
 * @param operator   the kind of the operator that failed (e.g. {@code MAP}, {@code AGGREGATE})
 * @param views      the views that operator computes
 * @param failingRow the values (as text, null for NULL) of the row the operator was evaluating, when known: an
 *                   input row of a projection or filter, the left then right row of a join, or an aggregate's
 *                   group key; null when unknown
 */
public record RejectedBatch(long number, Instant rejectedAt, long step, long sequence, String table, long records,
                            String errorCode, String message, String operator, List<String> views,
                            List<String> failingRow) {

    public RejectedBatch {
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(errorCode, "errorCode");
        views = List.copyOf(views);
        failingRow = failingRow == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(failingRow));
    }
}
