package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code program}; JSON documents are kept as text and mapped by {@link JsonCodec}. */
@Entity
@Table(name = "program")
public class ProgramEntity {

    @Id
    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "tenant_id", nullable = false)
    UUID tenantId;

    @Column(name = "name", nullable = false, length = 63)
    String name;

    @Column(name = "description", nullable = false, length = 1000)
    String description;

    @Column(name = "code", nullable = false)
    String code;

    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "status", nullable = false, length = 32)
    String status;

    @Column(name = "status_since", nullable = false)
    Instant statusSince;

    @Column(name = "diagnostics_json", nullable = false)
    String diagnosticsJson;

    @Column(name = "schema_json", nullable = false)
    String schemaJson;

    @Version
    @Column(name = "row_version", nullable = false)
    long rowVersion;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
