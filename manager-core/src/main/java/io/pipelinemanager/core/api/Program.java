package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored program. {@code version} starts at 1 and grows by one with every code edit; it is the
 * version a pipeline pins when it starts. {@code diagnostics} and {@code schema} describe the
 * compilation of the current version (empty until it is compiled).
 */
public record Program(
        ProgramId id,
        TenantId tenant,
        String name,
        String description,
        String code,
        long version,
        ProgramStatus status,
        Instant statusSince,
        List<Diagnostic> diagnostics,
        ProgramSchema schema,
        Instant createdAt,
        Instant updatedAt) {

    public Program {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusSince, "statusSince");
        diagnostics = List.copyOf(Objects.requireNonNull(diagnostics, "diagnostics"));
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
