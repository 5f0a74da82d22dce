package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code tenant}. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

    @Id
    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "name", nullable = false, length = 128)
    String name;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
