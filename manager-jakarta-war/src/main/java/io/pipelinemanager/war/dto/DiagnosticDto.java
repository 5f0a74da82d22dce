package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A compiler message about a program, with the range of the program text it applies to. */
@Schema(name = "Diagnostic")
public record DiagnosticDto(
        @Schema(enumeration = {"ERROR", "WARNING"}) String severity,
        String code,
        String message,
        Range range) {

    /** A 1-based inclusive range of the program text (all zero when unknown). */
    @Schema(name = "SourceRange")
    public record Range(
            @JsonProperty("start_line") int startLine,
            @JsonProperty("start_column") int startColumn,
            @JsonProperty("end_line") int endLine,
            @JsonProperty("end_column") int endColumn) {

        static Range of(SourceRange r) {
            return new Range(r.startLine(), r.startColumn(), r.endLine(), r.endColumn());
        }
    }

    /** Maps the core record. */
    public static DiagnosticDto of(Diagnostic d) {
        return new DiagnosticDto(d.severity().name(), d.code(), d.message(), Range.of(d.range()));
    }
}
