package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.AuditPage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of the audit log, newest events first. */
@Schema(name = "AuditPage")
public record AuditPageResponse(
        @Schema(required = true) List<AuditEventResponse> events,
        @JsonProperty("next_cursor")
        @Schema(description = "Pass as cursor for the next, older page; null on the last page")
        String nextCursor) {

    /** Maps the core record. */
    public static AuditPageResponse of(AuditPage page) {
        return new AuditPageResponse(page.events().stream().map(AuditEventResponse::of).toList(), page.nextCursor());
    }
}
