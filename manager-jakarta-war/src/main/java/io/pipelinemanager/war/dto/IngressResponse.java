package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.IngressResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An accepted ingress request: every record of the body is buffered for the pipeline's next step. */
@Schema(name = "IngressResult")
public record IngressResponse(
        @Schema(description = "The table the records went to") String table,
        @Schema(description = "Record changes (inserts and deletes) accepted from this body") long records,
        @JsonProperty("buffered_records")
        @Schema(description = "Records waiting in the pipeline's input buffer after this request") long bufferedRecords) {

    /** Maps the core record. */
    public static IngressResponse of(IngressResult r) {
        return new IngressResponse(r.table(), r.records(), r.bufferedRecords());
    }
}
