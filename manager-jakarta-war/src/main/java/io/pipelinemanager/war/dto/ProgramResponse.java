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
        @JsonProperty("compilation_queue_position")
        @Schema(description = "Place in the compilation queue: 1 = next or compiling, 0 = compiled or failed. "
                + "Only in single-program answers (create, get, update); null in the list")
        Integer compilationQueuePosition,
        @JsonProperty("created_at") @Schema(format = "date-time") String createdAt,
        @JsonProperty("updated_at") @Schema(format = "date-time") String updatedAt) {

    /** Maps the core record, without a queue position (for lists). */
    public static ProgramResponse of(Program p) {
        return of(p, null);
    }

    /** Maps the core record with its place in the compilation queue. */
    public static ProgramResponse of(Program p, Integer queuePosition) {
        return new ProgramResponse(p.id().value(), p.name(), p.description(), p.code(), p.version(),
                p.status().name(), iso(p.statusSince()), p.diagnostics().stream().map(DiagnosticDto::of).toList(),
                SchemaDto.of(p.schema()), queuePosition, iso(p.createdAt()), iso(p.updatedAt()));
    }

    private static String iso(java.time.Instant instant) {
        return instant.toString();
    }
}
