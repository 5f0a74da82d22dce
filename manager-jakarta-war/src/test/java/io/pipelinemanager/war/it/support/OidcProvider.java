package io.pipelinemanager.war.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ITs' OpenID Connect provider: mock-oauth2-server (discovery, JWKS, RSA-signed tokens) on
 * 127.0.0.1 at the port Maven reserved for the run ({@code pm.it.oidc.port}), started once per test
 * JVM on first use. The servers under test were started with this provider's issuer, JWKS URL and
 * {@link #AUDIENCE} (arquillian.xml) and fetch its keys when they verify the first token.
 */
public final class OidcProvider {

    /** The provider's issuer id: its issuer is {@code http://localhost:<port>/pm}. */
    public static final String ISSUER_ID = "pm";
    /** The audience the servers under test accept. */
    public static final String AUDIENCE = "pipeline-manager";

    private static OidcProvider shared;

    private final MockOAuth2Server server;

    private OidcProvider(int port) {
        server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (IOException e) {
            throw new IllegalStateException("OIDC provider cannot listen on 127.0.0.1:" + port, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "oidc-provider-stop"));
    }

    /** The provider of this test JVM, started on first use. */
    public static synchronized OidcProvider shared() {
        if (shared == null) {
            String port = System.getProperty("pm.it.oidc.port");
            if (port == null || port.isBlank()) {
                throw new IllegalStateException("pm.it.oidc.port is not set (failsafe sets it from the port Maven reserved)");
            }
            shared = new OidcProvider(Integer.parseInt(port));
        }
        return shared;
    }

    /** The issuer ({@code iss}) of its tokens. */
    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** Where its public keys are published. */
    public URI jwksUrl() {
        return URI.create(server.jwksUrl(ISSUER_ID).toString());
    }

    /** A token for {@code principal} in {@code tenant} with {@code groups}, valid for ten minutes. */
    public String token(String tenant, String principal, List<String> groups) {
        return token(tenant, principal, groups, Duration.ofMinutes(10));
    }

    /** A token for {@code principal} in {@code tenant} with {@code groups}, valid for {@code validity}. */
    public String token(String tenant, String principal, List<String> groups, Duration validity) {
        return issue(AUDIENCE, tenant, principal, groups, validity);
    }

    /** A token that expired two minutes ago (beyond the servers' clock skew of one minute). */
    public String expiredToken(String tenant, String principal, List<String> groups) {
        return issue(AUDIENCE, tenant, principal, groups, Duration.ofMinutes(-2));
    }

    /** A valid token of this provider meant for another audience. */
    public String tokenForAudience(String audience, String tenant, String principal, List<String> groups) {
        return issue(audience, tenant, principal, groups, Duration.ofMinutes(10));
    }

    /**
     * A token with this provider's issuer, audience and key id, signed by a key the provider never
     * published: a forgery the servers must refuse.
     */
    public String forgedToken(String tenant, String principal, List<String> groups) {
        try {
            SignedJWT genuine = SignedJWT.parse(token(tenant, principal, groups));
            RSAKey foreign = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(genuine.getHeader().getKeyID()).build(), genuine.getJWTClaimsSet());
            forged.sign(new RSASSASigner(foreign));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String issue(String audience, String tenant, String principal, List<String> groups, Duration validity) {
        Map<String, Object> claims = new HashMap<>();
        if (tenant != null) {
            claims.put("tenant", tenant);
        }
        claims.put("groups", groups);
        return server.issueToken(ISSUER_ID, principal, new DefaultOAuth2TokenCallback(ISSUER_ID, principal, "JWT",
                List.of(audience), claims, validity.toSeconds())).serialize();
    }

    /** Claims of a token, for assertions. */
    public static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
