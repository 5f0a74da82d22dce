package io.pipelinemanager.core.internal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A claim of one manager instance ({@code owner}) on background work ({@code kind}, {@code resourceId}) until {@code expiresAt}. */
public record Lease(String kind, UUID resourceId, String owner, Instant expiresAt) {

    /** Lease kind for compiling a program. */
    public static final String COMPILE = "compile";
    /** Lease kind for running a pipeline. */
    public static final String PIPELINE = "pipeline";

    public Lease {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether another instance may take this lease over at {@code now}. */
    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
