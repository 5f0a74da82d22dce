package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of {@code compiled_artifact}; written once per content hash, never updated. */
@Entity
@Table(name = "compiled_artifact")
public class CompiledArtifactEntity {

    @Id
    @Column(name = "content_hash", nullable = false, length = 64)
    String contentHash;

    @Column(name = "compiler_version", nullable = false, length = 64)
    String compilerVersion;

    @Column(name = "schema_json", nullable = false)
    String schemaJson;

    @Column(name = "diagnostics_json", nullable = false)
    String diagnosticsJson;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
