package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.Program;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A stored program as the API shows it. */
@Schema(name = "Program")
public record ProgramResponse(
        UUID id,
        String name,
        String description,
        String code,
        @Schema(description = "Grows by one with every code edit")
        long version,
        @Schema(enumeration = {"PENDING", "COMPILING", "SUCCESS", "SQL_ERROR", "SYSTEM_ERROR"})
        String status,
        @JsonProperty("status_since") @Schema(format = "date-time") String statusSince,
        List<DiagnosticDto> diagnostics,
        SchemaDto schema,
        @JsonProperty("created_at") @Schema(format = "date-time") String createdAt,
        @JsonProperty("updated_at") @Schema(format = "date-time") String updatedAt) {

    /** Maps the core record. */
    public static ProgramResponse of(Program p) {
        return new ProgramResponse(p.id().value(), p.name(), p.description(), p.code(), p.version(),
                p.status().name(), iso(p.statusSince()), p.diagnostics().stream().map(DiagnosticDto::of).toList(),
                SchemaDto.of(p.schema()), iso(p.createdAt()), iso(p.updatedAt()));
    }

    private static String iso(java.time.Instant instant) {
        return instant.toString();
    }
}
