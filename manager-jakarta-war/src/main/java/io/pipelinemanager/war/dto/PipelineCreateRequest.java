package io.pipelinemanager.war.dto;

import io.pipelinemanager.core.api.PipelineSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/pipelines}. */
@Schema(name = "PipelineCreate")
public record PipelineCreateRequest(
        @Schema(required = true, description = "1-63 letters, digits, '-' or '_'; unique in the tenant", example = "orders-1")
        String name,
        @Schema(description = "At most 1000 characters")
        String description,
        @Schema(required = true, description = "The program's id or name", example = "orders")
        String program,
        @Schema(description = "Absent: the defaults")
        PipelineConfigDto config) {

    /** The core spec. */
    public PipelineSpec toSpec() {
        return new PipelineSpec(name, description, program, PipelineConfigDto.toConfig(config));
    }
}
