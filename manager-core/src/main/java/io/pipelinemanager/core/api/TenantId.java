package io.pipelinemanager.core.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies a tenant: every program and pipeline belongs to exactly one. */
public record TenantId(UUID value) {

    /** The tenant used when authentication is off; created by the first migration. */
    public static final TenantId DEFAULT = new TenantId(new UUID(0L, 0L));

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
