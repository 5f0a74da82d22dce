package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.RejectedBatch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An ingress request a running pipeline set aside because its records made a step fail at run time
 * ({@code on_runtime_error = reject_batch}); nothing of it was applied.
 */
@Schema(name = "RejectedBatch")
public record RejectedBatchResponse(
        @Schema(description = "The batch's number in this run of the pipeline, from 1; "
                + "GET .../rejected/{number} returns its records") long number,
        @JsonProperty("rejected_at") @Schema(format = "date-time") String rejectedAt,
        @Schema(description = "Steps the pipeline had completed when the request failed (the state it failed on)") long step,
        @Schema(description = "The push's number among everything the pipeline's current run accepted") long sequence,
        String table,
        @Schema(description = "Record changes of the request (inserts plus deletes)") long records,
        @JsonProperty("error_code") @Schema(description = "DIVISION_BY_ZERO, OVERFLOW, INVALID_CAST, INVALID_ARGUMENT, "
                + "SINGLE_VALUE, or INTERNAL for an unexpected failure") String errorCode,
        String message,
        @Schema(description = "Kind of the operator that failed, e.g. MAP, FILTER, AGGREGATE, JOIN") String operator,
        @Schema(description = "Views computed by that operator") List<String> views,
        @JsonProperty("failing_row") @Schema(nullable = true, description = "Values (as text, null for NULL) of the row "
                + "the operator was evaluating, when known: an input row of a projection or filter, the left then the "
                + "right row of a join, or an aggregate's group key") List<String> failingRow) {

    /** Maps the core record. */
    public static RejectedBatchResponse of(RejectedBatch b) {
        return new RejectedBatchResponse(b.number(), b.rejectedAt().toString(), b.step(), b.sequence(), b.table(),
                b.records(), b.errorCode(), b.message(), b.operator(), b.views(), b.failingRow());
    }
}
