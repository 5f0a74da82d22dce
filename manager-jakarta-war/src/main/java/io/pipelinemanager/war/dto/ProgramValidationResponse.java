package io.pipelinemanager.war.dto;

import io.pipelinemanager.core.api.ProgramValidation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What compiling some SQL would give a program: status, diagnostics and schema; nothing is stored. */
@Schema(name = "ProgramValidation")
public record ProgramValidationResponse(
        @Schema(enumeration = {"SUCCESS", "SQL_ERROR", "SYSTEM_ERROR"}) String status,
        List<DiagnosticDto> diagnostics,
        SchemaDto schema) {

    /** Maps the core record. */
    public static ProgramValidationResponse of(ProgramValidation v) {
        return new ProgramValidationResponse(v.status().name(),
                v.diagnostics().stream().map(DiagnosticDto::of).toList(), SchemaDto.of(v.schema()));
    }
}
