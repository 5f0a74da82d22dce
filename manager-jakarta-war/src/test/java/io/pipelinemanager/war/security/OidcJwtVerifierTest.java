package io.pipelinemanager.war.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OidcJwtVerifier} against a real OIDC provider (mock-oauth2-server on a free localhost port). */
class OidcJwtVerifierTest {

    private static final String AUDIENCE = "pipeline-manager";
    private static MockOAuth2Server provider;
    private static OidcJwtVerifier verifier;

    @BeforeAll
    static void startProvider() {
        provider = new MockOAuth2Server();
        provider.start();
        verifier = new OidcJwtVerifier(provider.issuerUrl("pm").toString(),
                URI.create(provider.jwksUrl("pm").toString()), Set.of(AUDIENCE, "other-app"));
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    private static String token(String issuerId, String audience, Map<String, Object> claims, long expirySeconds) {
        return provider.issueToken(issuerId, "alice", new DefaultOAuth2TokenCallback(issuerId, "alice", "JWT",
                audience == null ? List.of() : List.of(audience), claims, expirySeconds)).serialize();
    }

    @Test
    void acceptsAProviderTokenAndExposesItsClaims() {
        String raw = token("pm", AUDIENCE, Map.of("tenant", "acme", "groups", List.of("pm-editor", "staff")), 300);

        JsonWebToken jwt = verifier.verify(raw);

        assertThat(jwt.getName()).isEqualTo("alice");
        assertThat(jwt.<Object>getClaim("tenant")).isEqualTo("acme");
        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("pm-editor", "staff");
        assertThat(jwt.getAudience()).contains(AUDIENCE);
        assertThat(jwt.getIssuer()).isEqualTo(verifier.issuer());
        assertThat(jwt.getRawToken()).isEqualTo(raw);
        assertThat(jwt.getExpirationTime()).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 301);
    }

    @Test
    void acceptsTokensOfAProviderThatTakesOverASecondToServeItsKeys() throws Exception {
        // A busy provider: its key set arrives 1.5 s after the request (Nimbus's own 500 ms timeout refused it).
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/jwks", exchange -> {
            byte[] keys;
            try (InputStream in = URI.create(provider.jwksUrl("pm").toString()).toURL().openStream()) {
                keys = in.readAllBytes();
                Thread.sleep(1500); // the slowness under test, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(keys);
            }
        });
        slow.start();
        try {
            OidcJwtVerifier patient = new OidcJwtVerifier(provider.issuerUrl("pm").toString(),
                    URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/jwks"), Set.of(AUDIENCE));

            assertThat(patient.verify(token("pm", AUDIENCE, Map.of("tenant", "acme"), 300)).getName()).isEqualTo("alice");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void preferredUsernameNamesTheCallerBeforeSub() {
        JsonWebToken jwt = verifier.verify(token("pm", AUDIENCE, Map.of("preferred_username", "alice@acme"), 300));

        assertThat(jwt.getName()).isEqualTo("alice@acme");
        assertThat(jwt.getGroups()).isEmpty();
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(token("pm", AUDIENCE, Map.of("tenant", "acme"), -120), "expired");
    }

    @Test
    void refusesAnotherAudience() {
        assertRefused(token("pm", "someone-else", Map.of("tenant", "acme"), 300), "audience");
    }

    @Test
    void refusesATokenWithoutAudience() {
        assertRefused(token("pm", null, Map.of("tenant", "acme"), 300), "audience");
    }

    @Test
    void refusesAnotherIssuerOfTheSameProvider() {
        // Another issuer of the provider signs with its own key: refused by signature or by issuer, never accepted.
        assertThatThrownBy(() -> verifier.verify(token("elsewhere", AUDIENCE, Map.of("tenant", "acme"), 300)))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated);
                    assertThat(e.details().get("cause")).isIn("signature", "issuer");
                });
    }

    @Test
    void refusesTheRightIssuerNameSignedWithAnotherKey() throws Exception {
        var foreignKey = new RSAKeyGenerator(2048).keyID(provider.jwksUrl("pm").toString()).generate();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(firstKeyId()).build();
        var forged = new SignedJWT(header, validClaims());
        forged.sign(new RSASSASigner(foreignKey));

        assertRefused(forged.serialize(), "signature");
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = token("pm", AUDIENCE, Map.of("tenant", "acme"), 300).split("\\.");
        String otherTenant = token("pm", AUDIENCE, Map.of("tenant", "globex"), 300).split("\\.")[1];

        assertRefused(parts[0] + "." + otherTenant + "." + parts[2], "signature");
    }

    @Test
    void refusesUnsignedTokensAndNonJwts() {
        assertRefused(new PlainJWT(validClaims()).serialize(), "signature");
        assertRefused("pm_abc_def", "malformed");
        assertRefused("a.b.c", "malformed");
        assertRefused("", "malformed");
    }

    private static JWTClaimsSet validClaims() {
        return new JWTClaimsSet.Builder().issuer(verifier.issuer()).subject("mallory").audience(AUDIENCE)
                .claim("tenant", "acme").expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
    }

    private static String firstKeyId() {
        return SignedJWT.class.cast(provider.issueToken("pm", "x", new DefaultOAuth2TokenCallback()))
                .getHeader().getKeyID();
    }

    private static void assertRefused(String token, String cause) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.Unauthenticated);
                    assertThat(e.details()).containsEntry("reason", "invalid_token").containsEntry("cause", cause);
                });
    }
}
