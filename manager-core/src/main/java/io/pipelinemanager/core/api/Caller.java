package io.pipelinemanager.core.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling the manager: the tenant it acts in, the principal (user, service or key name),
 * its roles and how it authenticated, plus where the call came from for the audit log. Adapters
 * build a caller from the request (REST) or from the host's own security (embedded); the core
 * decides with it what the call may do and records it in the audit log.
 *
 * @param tenant        the tenant's name; the tenant is created on its first authenticated use. A name is
 *                      1–63 characters of lower-case letters, digits, {@code .}, {@code -} and {@code _},
 *                      starting and ending with a letter or digit; the manager refuses any other name
 *                      with {@link ErrorCode#Unauthenticated} (it comes from credentials)
 * @param principal     who is calling, as the authentication named it (never a secret)
 * @param roles         the roles held in that tenant (may be empty: such a caller may do nothing)
 * @param authMethod    how the caller authenticated
 * @param requestId     an id of the request for the audit log, or {@code null}
 * @param clientAddress the client's network address for the audit log, or {@code null}
 */
public record Caller(String tenant, String principal, Set<Role> roles, AuthMethod authMethod,
                     String requestId, String clientAddress) {

    /** The name of the tenant used when authentication is off ({@link TenantId#DEFAULT}). */
    public static final String DEFAULT_TENANT = "default";

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(authMethod, "authMethod");
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller of a manager without authentication: the default tenant's administrator. */
    public static Caller unauthenticated() {
        return new Caller(DEFAULT_TENANT, "anonymous", Set.of(Role.ADMIN), AuthMethod.NONE, null, null);
    }

    /** A caller the embedding host vouches for, with one role in {@code tenant}. */
    public static Caller host(String tenant, String principal, Role role) {
        return new Caller(tenant, principal, Set.of(Objects.requireNonNull(role, "role")), AuthMethod.HOST, null, null);
    }

    /** This caller, with the request id and client address the audit log records. */
    public Caller withOrigin(String requestId, String clientAddress) {
        return new Caller(tenant, principal, roles, authMethod, requestId, clientAddress);
    }

    /** Whether one of the caller's roles includes {@code required}. */
    public boolean may(Role required) {
        return roles.stream().anyMatch(role -> role.includes(required));
    }

    /** The highest of the caller's roles, or {@code null} when it has none. */
    public Role highestRole() {
        return roles.stream().max(Role::compareTo).orElse(null);
    }
}
