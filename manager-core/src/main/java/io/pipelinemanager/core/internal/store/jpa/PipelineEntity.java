package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code pipeline}; configuration and error are JSON text mapped by {@link JsonCodec}. */
@Entity
@Table(name = "pipeline")
public class PipelineEntity {

    @Id
    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "tenant_id", nullable = false)
    UUID tenantId;

    @Column(name = "name", nullable = false, length = 63)
    String name;

    @Column(name = "description", nullable = false, length = 1000)
    String description;

    @Column(name = "program_id", nullable = false)
    UUID programId;

    @Column(name = "program_version")
    Long programVersion;

    @Column(name = "config_json", nullable = false)
    String configJson;

    @Column(name = "desired_status", nullable = false, length = 16)
    String desiredStatus;

    @Column(name = "status", nullable = false, length = 16)
    String status;

    @Column(name = "status_since", nullable = false)
    Instant statusSince;

    @Column(name = "error_json")
    String errorJson;

    @Column(name = "state_since")
    Instant stateSince;

    @Column(name = "version", nullable = false)
    long version;

    @Version
    @Column(name = "row_version", nullable = false)
    long rowVersion;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
