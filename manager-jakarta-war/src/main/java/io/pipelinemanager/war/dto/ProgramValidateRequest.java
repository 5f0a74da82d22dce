package io.pipelinemanager.war.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/programs/validate}: the SQL to compile without storing it. */
@Schema(name = "ProgramValidate")
public record ProgramValidateRequest(
        @Schema(required = true, description = "SQL CREATE TABLE / CREATE VIEW statements, at most 1 MiB")
        String code) {
}
