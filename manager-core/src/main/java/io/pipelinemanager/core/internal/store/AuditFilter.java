package io.pipelinemanager.core.internal.store;

import io.pipelinemanager.core.api.AuditOutcome;

import java.time.Instant;
import java.util.Objects;

/**
 * A checked audit query for the store: one tenant, optional exact filters (null: none), and the position after
 * which a page continues ({@code afterTime}/{@code afterId}, both null for the first page). Events come newest
 * first, ordered by time and then by id.
 */
public record AuditFilter(String tenant, Instant from, Instant to, String principal, String action,
                          String targetKind, String targetName, AuditOutcome outcome, Instant afterTime, Long afterId) {

    public AuditFilter {
        Objects.requireNonNull(tenant, "tenant");
        if ((afterTime == null) != (afterId == null)) {
            throw new IllegalArgumentException("a page position needs both its time and its id");
        }
    }
}
