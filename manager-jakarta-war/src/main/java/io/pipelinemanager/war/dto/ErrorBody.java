package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** The body of every error response. */
@Schema(name = "Error", description = "Every refused or failed request answers with this body")
public record ErrorBody(
        @JsonProperty("error_code") @Schema(required = true, description = "Stable error code, e.g. UnknownPipeline")
        String errorCode,
        @Schema(required = true, description = "Human-readable explanation")
        String message,
        @Schema(required = true, description = "Structured details; empty for internal errors")
        Map<String, Object> details) {
}
