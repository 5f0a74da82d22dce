package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An API key as the manager shows it — never its secret or its hash. A key belongs to the tenant of the
 * administrator who created it and grants one role there, until it expires or is revoked.
 *
 * @param name       the key's name, unique in its tenant (also after revocation)
 * @param prefix     the public start of the key, {@code pm_<lookup-id>}: tells keys apart in a client's
 *                   configuration without revealing anything that authenticates
 * @param role       the role a request with this key gets
 * @param status     whether the key is usable now
 * @param createdAt  when it was created
 * @param createdBy  the principal that created it ({@code bootstrap} for a key made without a caller)
 * @param expiresAt  when it stops working by itself, or {@code null} for never
 * @param revokedAt  when it was revoked, or {@code null}
 * @param lastUsedAt when it last authenticated a request, to the minute (the manager writes it at most once a
 *                   minute per key), or {@code null} when never used
 */
public record ApiKey(String name, String prefix, Role role, Status status, Instant createdAt, String createdBy,
                     Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    /** Whether a key is usable now. */
    public enum Status {
        /** Neither revoked nor expired: it authenticates requests. */
        ACTIVE,
        /** Past its expiry time (and not revoked). */
        EXPIRED,
        /** Revoked by an administrator; it never works again. */
        REVOKED;

        /** The status as written in the REST API ({@code active}, ...). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status of a key with these times, at {@code now}. */
        public static Status of(Instant expiresAt, Instant revokedAt, Instant now) {
            if (revokedAt != null) {
                return REVOKED;
            }
            return expiresAt != null && !now.isBefore(expiresAt) ? EXPIRED : ACTIVE;
        }
    }
}
