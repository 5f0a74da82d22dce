package io.pipelinemanager.core.internal.store;

import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.TenantId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code api_key} with its tenant's name. {@code hash} is the argon2id hash of the whole key in PHC
 * string format; it never leaves the manager.
 */
public record StoredApiKey(UUID id, TenantId tenant, String tenantName, String name, String lookupId, String hash,
                           Role role, Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt,
                           Instant lastUsedAt) {

    public StoredApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lookupId, "lookupId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    @Override
    public String toString() {
        return "StoredApiKey[" + tenantName + "/" + name + ", lookup " + lookupId + ", " + role + "]";
    }
}
