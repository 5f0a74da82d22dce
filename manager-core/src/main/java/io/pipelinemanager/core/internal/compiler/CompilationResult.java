package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of compiling one program text: final status, diagnostics (errors and warnings),
 * the declared schema, the compiled artifact (only when {@code status} is SUCCESS) and the
 * content hash under which the artifact can be stored.
 */
public record CompilationResult(ProgramStatus status, List<Diagnostic> diagnostics, ProgramSchema schema,
                                CompiledProgram artifact, String contentHash) {

    /** Validates that an artifact is present exactly on success. */
    public CompilationResult {
        Objects.requireNonNull(status, "status");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(schema, "schema");
        if ((status == ProgramStatus.SUCCESS) != (artifact != null)) {
            throw new IllegalArgumentException("an artifact exists exactly when compilation succeeded");
        }
    }

    /** Whether the program compiled. */
    public boolean succeeded() {
        return status == ProgramStatus.SUCCESS;
    }
}
