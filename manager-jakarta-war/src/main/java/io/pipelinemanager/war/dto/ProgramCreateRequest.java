package io.pipelinemanager.war.dto;

import io.pipelinemanager.core.api.ProgramSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/programs}. */
@Schema(name = "ProgramCreate")
public record ProgramCreateRequest(
        @Schema(required = true, description = "1-63 letters, digits, '-' or '_'; unique in the tenant", example = "orders")
        String name,
        @Schema(description = "At most 1000 characters")
        String description,
        @Schema(required = true, description = "SQL CREATE TABLE / CREATE VIEW statements, at most 1 MiB")
        String code) {

    /** The core spec. */
    public ProgramSpec toSpec() {
        return new ProgramSpec(name, description, code);
    }
}
