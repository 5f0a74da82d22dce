package io.pipelinemanager.core.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The authentication settings both adapters apply, read from the manager's configuration
 * ({@code pm.auth.*}), and the one mapping of a verified JWT's
 * claims to a {@link Caller}: the tenant from a configurable claim, the roles from the token's groups
 * through a configurable table. Adapters verify the token (signature, issuer, audience, expiry) and
 * hand the claims over; they never decide roles themselves.
 *
 * @param mode               how callers authenticate
 * @param jwtTenantClaim     the claim that names the caller's tenant ({@code pm.auth.jwt.tenant-claim})
 * @param jwtGroups          for each role, the token groups that grant it ({@code pm.auth.jwt.roles.<role>})
 * @param jwtIssuer          the issuer a JWT must name ({@code iss}; {@code pm.auth.jwt.issuer}), or {@code null}
 * @param jwtJwksUrl         where the provider publishes its signing keys ({@code pm.auth.jwt.jwks-url}), or {@code null}
 * @param jwtAudiences       the audiences of which a JWT's {@code aud} must contain one ({@code pm.auth.jwt.audiences})
 */
public record SecuritySettings(AuthMode mode, String jwtTenantClaim, Map<Role, Set<String>> jwtGroups,
                               String jwtIssuer, URI jwtJwksUrl,
                               Set<String> jwtAudiences) {

    public SecuritySettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(jwtTenantClaim, "jwtTenantClaim");
        if (jwtTenantClaim.isBlank()) {
            throw new ManagerException(ErrorCode.InvalidConfig, "pm.auth.jwt.tenant-claim must name a claim",
                    Map.of("key", "pm.auth.jwt.tenant-claim"));
        }
        EnumMap<Role, Set<String>> groups = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            groups.put(role, Set.copyOf(jwtGroups == null ? Set.of() : jwtGroups.getOrDefault(role, Set.of())));
        }
        jwtGroups = Map.copyOf(groups);
        jwtIssuer = jwtIssuer == null || jwtIssuer.isBlank() ? null : jwtIssuer.trim();
        jwtAudiences = Set.copyOf(jwtAudiences == null ? Set.of() : jwtAudiences);
        if (jwtJwksUrl != null && !(("https".equalsIgnoreCase(jwtJwksUrl.getScheme())
                || "http".equalsIgnoreCase(jwtJwksUrl.getScheme())) && jwtJwksUrl.getHost() != null)) {
            throw new ManagerException(ErrorCode.InvalidConfig, "pm.auth.jwt.jwks-url must be an http(s) URL, not '"
                    + jwtJwksUrl + "'", Map.of("key", "pm.auth.jwt.jwks-url", "value", jwtJwksUrl.toString()));
        }
        if (mode == AuthMode.JWT && (jwtIssuer == null || jwtJwksUrl == null || jwtAudiences.isEmpty())) {
            throw new ManagerException(ErrorCode.InvalidConfig, "pm.auth.mode=jwt needs pm.auth.jwt.issuer, "
                    + "pm.auth.jwt.jwks-url and pm.auth.jwt.audiences (the identity provider's issuer, its JWKS URL "
                    + "and the audience tokens for this API carry)", Map.of("key", "pm.auth.mode", "value", "jwt"));
        }
    }

    /** The settings of a manager without authentication. */
    public static SecuritySettings none() {
        return of(Map.of());
    }

    /**
     * Settings from their configuration texts by key ({@code pm.auth.mode}, {@code pm.auth.jwt.*}; lists
     * comma-separated); a missing key has its default, an empty one is empty.
     */
    public static SecuritySettings of(Map<String, String> values) {
        Function<String, String> value = key -> values.getOrDefault(key, "");
        String claim = value.apply("pm.auth.jwt.tenant-claim");
        String jwks = value.apply("pm.auth.jwt.jwks-url").trim();
        URI jwksUrl;
        try {
            jwksUrl = jwks.isEmpty() ? null : new URI(jwks);
        } catch (URISyntaxException e) {
            throw new ManagerException(ErrorCode.InvalidConfig, "pm.auth.jwt.jwks-url is not a URL: '" + jwks + "'",
                    Map.of("key", "pm.auth.jwt.jwks-url", "value", jwks));
        }
        return new SecuritySettings(AuthMode.parse(values.getOrDefault("pm.auth.mode", "none")),
                values.containsKey("pm.auth.jwt.tenant-claim") ? claim.trim() : "tenant",
                Map.of(Role.VIEWER, groups(values, "viewer"), Role.EDITOR, groups(values, "editor"),
                        Role.ADMIN, groups(values, "admin")),
                value.apply("pm.auth.jwt.issuer"),
                jwksUrl, list(value.apply("pm.auth.jwt.audiences")));
    }

    private static Set<String> groups(Map<String, String> values, String role) {
        String key = "pm.auth.jwt.roles." + role;
        return list(values.containsKey(key) ? values.get(key) : role);
    }

    /**
     * The caller a verified JWT stands for. {@code principal} names the caller (e.g. MP JWT's
     * {@code getName()}: {@code upn}, {@code preferred_username} or {@code sub}); {@code claims} looks up
     * a claim's value (a tenant claim must be a string); {@code groups} are the token's groups. The tenant is the tenant claim's value;
     * the roles are those whose configured groups meet the token's groups (none: the caller may only
     * ask who it is). A token without a usable tenant claim or principal is refused with
     * {@code Unauthenticated} (reason {@code invalid_token}): it never falls back to a default tenant.
     */
    public Caller jwtCaller(String principal, Function<String, Object> claims, Collection<String> groups) {
        Object tenant = claims.apply(jwtTenantClaim);
        String tenantName = claimText(tenant);
        if (tenantName.isBlank()) {
            throw new ManagerException(ErrorCode.Unauthenticated,
                    "The token has no '" + jwtTenantClaim + "' claim naming the tenant",
                    Map.of("reason", "invalid_token", "claim", jwtTenantClaim));
        }
        if (principal == null || principal.isBlank()) {
            throw new ManagerException(ErrorCode.Unauthenticated, "The token names no principal (upn, preferred_username or sub)",
                    Map.of("reason", "invalid_token"));
        }
        Set<String> held = groups == null ? Set.of() : Set.copyOf(groups);
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        jwtGroups.forEach((role, granting) -> {
            if (granting.stream().anyMatch(held::contains)) {
                roles.add(role);
            }
        });
        return new Caller(tenantName.trim(), principal, roles, AuthMethod.JWT, null, null);
    }

    /** A claim's text: only string values name a tenant (adapters unwrap JSON strings before). */
    private static String claimText(Object value) {
        return value instanceof CharSequence text ? text.toString() : "";
    }

    private static Set<String> list(String commaSeparated) {
        Set<String> items = new LinkedHashSet<>();
        if (commaSeparated != null) {
            for (String item : commaSeparated.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    @Override
    public String toString() {
        return "SecuritySettings[mode=" + mode.wireName() + ", tenant claim=" + jwtTenantClaim
                + ", groups=" + jwtGroups + ", issuer=" + jwtIssuer
                + ", jwks=" + jwtJwksUrl + ", audiences=" + jwtAudiences + "]";
    }
}
