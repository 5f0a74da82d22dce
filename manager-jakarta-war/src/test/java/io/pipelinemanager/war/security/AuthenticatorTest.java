package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Role;
import io.pipelinemanager.core.api.SecuritySettings;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The caller of a request by mode and Authorization header; refusals with the right challenge. */
class AuthenticatorTest {

    private static final String KEY = "pm_abcd1234_" + "s".repeat(32);
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl";

    /** The core's key check as the adapter sees it: one known key, the rest refused (recorded). */
    private final List<String> checkedKeys = new ArrayList<>();
    private final Authenticator.ApiKeyVerifier apiKeys = (key, requestId, address) -> {
        checkedKeys.add(key + " " + requestId + " " + address);
        if (!key.equals(KEY)) {
            throw new ManagerException(ErrorCode.Unauthenticated, "The API key is not valid", Map.of());
        }
        return new Caller("shop", "api-key:ci", Set.of(Role.EDITOR), AuthMethod.API_KEY, null, null);
    };

    /** Tokens the JWT verifier accepts (what the identity provider signed); any other is refused. */
    private final Map<String, JsonWebToken> verified = new java.util.HashMap<>();
    private final JwtVerifier jwts = (token, container) -> {
        JsonWebToken jwt = verified.get(token);
        if (jwt == null) {
            throw Challenge.INVALID_TOKEN.refusal("The token is not valid", Map.of());
        }
        return jwt;
    };

    private static SecuritySettings settings(String mode) {
        return SecuritySettings.of(Map.of("pm.auth.mode", mode, "pm.auth.jwt.tenant-claim", "org",
                "pm.auth.jwt.roles.viewer", "readers", "pm.auth.jwt.roles.editor", "writers",
                "pm.auth.jwt.roles.admin", "admins", "pm.auth.jwt.issuer", "https://idp.example",
                "pm.auth.jwt.jwks-url", "https://idp.example/jwks", "pm.auth.jwt.audiences", "pm"));
    }

    private Authenticator authenticator(String mode) {
        return new Authenticator(settings(mode), apiKeys, jwts);
    }

    @Test
    void modeNoneIsTheDefaultTenantsAdminWhateverTheHeaderSays() {
        for (List<String> header : List.of(List.<String>of(), List.of("Bearer " + KEY), List.of("garbage"))) {
            Caller caller = authenticator("none").authenticate(header, null, "r-1", "10.0.0.7");
            assertThat(caller.tenant()).isEqualTo(Caller.DEFAULT_TENANT);
            assertThat(caller.roles()).containsExactly(Role.ADMIN);
            assertThat(caller.authMethod()).isEqualTo(AuthMethod.NONE);
            assertThat(caller.requestId()).isEqualTo("r-1");
            assertThat(caller.clientAddress()).isEqualTo("10.0.0.7");
        }
        assertThat(checkedKeys).isEmpty();
    }

    @Test
    void apiKeysAreCheckedByTheCoreWithTheRequestsOrigin() {
        for (String mode : List.of("apikey", "jwt")) {
            Caller caller = authenticator(mode).authenticate(List.of("Bearer " + KEY), null, "r-2", "10.0.0.8");
            assertThat(caller.principal()).isEqualTo("api-key:ci");
            assertThat(caller.authMethod()).isEqualTo(AuthMethod.API_KEY);
            assertThat(caller.requestId()).isEqualTo("r-2");
            assertThat(caller.clientAddress()).isEqualTo("10.0.0.8");
        }
        assertThat(checkedKeys).containsExactly(KEY + " r-2 10.0.0.8", KEY + " r-2 10.0.0.8");
        // The scheme is case-insensitive (RFC 7235).
        assertThat(authenticator("apikey").authenticate(List.of("bearer  " + KEY), null, "r", null).tenant()).isEqualTo("shop");
    }

    @Test
    void missingCredentialsAnswerABareChallenge() {
        for (String mode : List.of("apikey", "jwt")) {
            for (List<String> header : java.util.Arrays.asList(null, List.<String>of())) {
                assertRefused(() -> authenticator(mode).authenticate(header, null, "r", null), Challenge.MISSING);
            }
        }
        assertThat(Challenge.MISSING.header()).isEqualTo("Bearer realm=\"pipeline-manager\"");
    }

    @Test
    void malformedHeadersAreInvalidRequests() {
        for (List<String> header : List.of(List.of("Basic YWxhZGRpbjpvcGVuc2VzYW1l"), List.of("Bearer"), List.of("Bearer "),
                List.of("Bearer a b"), List.of("Bearer pm_\u0000"), List.of("Bearer " + "x".repeat(BearerToken.MAX_LENGTH + 1)),
                List.of("Bearer " + KEY, "Bearer " + KEY), List.of("Token " + KEY), List.of(""))) {
            assertRefused(() -> authenticator("apikey").authenticate(header, null, "r", null), Challenge.INVALID_REQUEST);
        }
        assertThat(checkedKeys).isEmpty();
        assertThat(Challenge.INVALID_REQUEST.header()).contains("error=\"invalid_request\"");
    }

    @Test
    void unknownKeysAndJwtsInApiKeyModeAreInvalidTokens() {
        ManagerException unknown = assertRefused(
                () -> authenticator("apikey").authenticate(List.of("Bearer pm_nope_x"), null, "r", null), Challenge.INVALID_TOKEN);
        assertThat(unknown.getMessage()).doesNotContain("pm_nope");
        assertRefused(() -> authenticator("apikey").authenticate(List.of("Bearer " + JWT), null, "r", null),
                Challenge.INVALID_TOKEN);
        assertThat(Challenge.INVALID_TOKEN.header()).contains("error=\"invalid_token\"");
    }

    @Test
    void aJwtTheServerVerifiedBecomesTheCallerItsClaimsName() {
        verified.put(JWT, TestTokens.token(JWT, "ann@example.com", "shop", Set.of("writers", "other")));
        Caller caller = authenticator("jwt").authenticate(List.of("Bearer " + JWT), null, "r-3", "::1");
        assertThat(caller.tenant()).isEqualTo("shop");
        assertThat(caller.principal()).isEqualTo("ann@example.com");
        assertThat(caller.roles()).containsExactly(Role.EDITOR);
        assertThat(caller.authMethod()).isEqualTo(AuthMethod.JWT);
        assertThat(caller.requestId()).isEqualTo("r-3");
        assertThat(caller.clientAddress()).isEqualTo("::1");
    }

    @Test
    void aJwtTheVerifierRefusesOrWithoutTenantIsAnInvalidToken() {
        // Bad signature, wrong issuer or audience, expired: the verifier refuses it.
        assertRefused(() -> authenticator("jwt").authenticate(List.of("Bearer " + JWT), null, "r", null), Challenge.INVALID_TOKEN);
        verified.put(JWT, TestTokens.token(JWT, "ann", null, Set.of("admins")));
        assertRefused(() -> authenticator("jwt").authenticate(List.of("Bearer " + JWT), null, "r", null), Challenge.INVALID_TOKEN);
    }

    @Test
    void aVerifiedJwtWithoutMappedGroupsHasNoRoles() {
        verified.put(JWT, TestTokens.token(JWT, "cy", "shop", Set.of("unrelated")));
        Caller caller = authenticator("jwt").authenticate(List.of("Bearer " + JWT), null, "r", null);
        assertThat(caller.roles()).isEmpty();
        assertThat(caller.may(Role.VIEWER)).isFalse();
    }

    private static ManagerException assertRefused(Runnable call, Challenge expected) {
        ManagerException[] caught = new ManagerException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ManagerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated);
            assertThat(Challenge.of(e, expected != Challenge.MISSING)).isEqualTo(expected);
            caught[0] = e;
        });
        return caught[0];
    }
}
