package io.pipelinemanager.core.internal.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code api_key}: written once, then only by targeted updates (revocation, last use). */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity {

    @Id
    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "tenant_id", nullable = false)
    UUID tenantId;

    @Column(name = "name", nullable = false, length = 63)
    String name;

    @Column(name = "lookup_id", nullable = false, length = 32)
    String lookupId;

    @Column(name = "hash", nullable = false, length = 255)
    String hash;

    @Column(name = "role", nullable = false, length = 16)
    String role;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 256)
    String createdBy;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;
}
