package io.pipelinemanager.core.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTest {

    private static final Map<String, String> JWT = Map.of("pm.auth.mode", "jwt", "pm.auth.jwt.tenant-claim", "org",
            "pm.auth.jwt.roles.viewer", "readers, auditors", "pm.auth.jwt.roles.editor", "writers",
            "pm.auth.jwt.roles.admin", "pm-admins,root",
            "pm.auth.jwt.issuer", "https://idp.example.com/realm", "pm.auth.jwt.jwks-url", "https://idp.example.com/jwks",
            "pm.auth.jwt.audiences", "pipeline-manager, other");

    private final SecuritySettings settings = SecuritySettings.of(JWT);

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new java.util.HashMap<>(JWT);
        values.put(key, value);
        return values;
    }

    private static void assertInvalidConfig(Map<String, String> values) {
        assertThatThrownBy(() -> SecuritySettings.of(values)).as(values.toString())
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
    }

    @Test
    void modesParseInAnyCaseAndOthersAreInvalidConfig() {
        assertThat(AuthMode.parse(" APIKEY ")).isEqualTo(AuthMode.APIKEY);
        assertThat(AuthMode.parse("jwt")).isEqualTo(AuthMode.JWT);
        assertThat(SecuritySettings.none().mode()).isEqualTo(AuthMode.NONE);
        assertThat(SecuritySettings.none().jwtTenantClaim()).isEqualTo("tenant");
        assertThat(SecuritySettings.none().jwtGroups().get(Role.ADMIN)).containsExactly("admin");
        assertThatThrownBy(() -> AuthMode.parse("basic")).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
        assertThatThrownBy(() -> AuthMode.parse(null)).isInstanceOf(ManagerException.class);
    }

    @Test
    void aTokensGroupsMapToTheConfiguredRolesAndItsClaimToTheTenant() {
        Caller caller = settings.jwtCaller("ann", Map.of("org", "shop", "tenant", "other")::get, List.of("auditors", "root"));
        assertThat(caller.tenant()).isEqualTo("shop");
        assertThat(caller.principal()).isEqualTo("ann");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.ADMIN);
        assertThat(caller.authMethod()).isEqualTo(AuthMethod.JWT);
        assertThat(caller.highestRole()).isEqualTo(Role.ADMIN);

        Caller writer = settings.jwtCaller("bob", Map.of("org", "shop")::get, Set.of("writers", "unrelated"));
        assertThat(writer.roles()).containsExactly(Role.EDITOR);
        assertThat(writer.may(Role.VIEWER)).isTrue();
        assertThat(writer.may(Role.ADMIN)).isFalse();

        Caller nobody = settings.jwtCaller("cy", Map.of("org", "shop")::get, null);
        assertThat(nobody.roles()).isEmpty();
        assertThat(nobody.may(Role.VIEWER)).isFalse();
    }

    @Test
    void aTokenWithoutAStringTenantClaimOrPrincipalIsRefusedNeverDefaulted() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(Map.of(), Map.of("org", " "), Map.of("org", 42),
                Map.of("tenant", "shop"))) {
            assertThatThrownBy(() -> settings.jwtCaller("ann", claims::get, List.of("root")))
                    .as(claims.toString()).isInstanceOfSatisfying(ManagerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated);
                        assertThat(e.details()).containsEntry("reason", "invalid_token");
                    });
        }
        assertThatThrownBy(() -> settings.jwtCaller(" ", Map.of("org", "shop")::get, List.of("root")))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated));
    }

    @Test
    void aBlankTenantClaimIsInvalidConfig() {
        assertInvalidConfig(with("pm.auth.jwt.tenant-claim", " "));
        assertInvalidConfig(with("pm.auth.mode", ""));
        // A role no group grants is allowed.
        assertThat(SecuritySettings.of(with("pm.auth.jwt.roles.admin", "")).jwtGroups().get(Role.ADMIN)).isEmpty();
    }

    @Test
    void jwtModeNeedsTheProvidersIssuerKeysAndAudience() {
        assertThat(settings.jwtIssuer()).isEqualTo("https://idp.example.com/realm");
        assertThat(settings.jwtJwksUrl()).hasToString("https://idp.example.com/jwks");
        assertThat(settings.jwtAudiences()).containsExactlyInAnyOrder("pipeline-manager", "other");
        for (String key : List.of("pm.auth.jwt.issuer", "pm.auth.jwt.jwks-url", "pm.auth.jwt.audiences")) {
            assertInvalidConfig(with(key, ""));
        }
        assertInvalidConfig(with("pm.auth.jwt.jwks-url", "file:///etc/keys"));
        assertInvalidConfig(with("pm.auth.jwt.jwks-url", "http://bad host/"));
        // Without jwt mode they are not needed.
        assertThat(SecuritySettings.of(Map.of("pm.auth.mode", "apikey")).jwtIssuer()).isNull();
    }
}
