package io.pipelinemanager.core.internal.store;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramSchema;

import java.time.Instant;
import java.util.List;

/**
 * The stored outcome of a successful compilation, by content hash (program text and compiler
 * version): lets any instance mark unchanged code compiled without compiling it again.
 */
public record CompiledArtifact(String contentHash, String compilerVersion, ProgramSchema schema,
                               List<Diagnostic> warnings, Instant createdAt) {
}
