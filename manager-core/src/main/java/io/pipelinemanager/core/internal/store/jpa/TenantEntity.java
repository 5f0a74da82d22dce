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

    /** The principal whose first use created the tenant; null for tenants from before schema version 3. */
    @Column(name = "created_by", length = 256)
    String createdBy;
}
