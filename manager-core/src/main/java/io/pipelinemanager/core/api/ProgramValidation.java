package io.pipelinemanager.core.api;

import java.util.List;
import java.util.Objects;

/** The result of compiling SQL without storing anything: SUCCESS, SQL_ERROR or SYSTEM_ERROR, diagnostics and schema. */
public record ProgramValidation(ProgramStatus status, List<Diagnostic> diagnostics, ProgramSchema schema) {

    public ProgramValidation {
        Objects.requireNonNull(status, "status");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(schema, "schema");
    }
}
