package io.pipelinemanager.war.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verifies bearer JWTs of an OpenID Connect provider in the application, with Nimbus JOSE+JWT: the
 * signature against the provider's JSON Web Key Set (fetched from its URL, cached, refetched when a
 * token names an unknown key), {@code exp} and {@code nbf} (with a minute of clock skew), the issuer and
 * the audience. Only asymmetric signatures are accepted (RSA, RSA-PSS, EC, EdDSA); unsigned and
 * HMAC tokens are refused.
 *
 * <p>The servers' own MicroProfile JWT mechanisms are not used: WildFly's refuses every bearer value
 * that is not a valid JWT before the application sees it, API keys included (NOTES.md). This verifier
 * behaves the same on WildFly, Open Liberty and an embedded JAX-RS server.
 *
 * <p>Every refusal is an {@code Unauthenticated} {@link ManagerException} with the detail
 * {@code reason=invalid_token} (the {@code WWW-Authenticate} challenge) and a {@code cause} naming the
 * failed check: {@code malformed}, {@code signature}, {@code expired}, {@code issuer}, {@code audience}
 * or {@code claims}; {@code key_source} when the provider's keys cannot be fetched (logged as a warning).
 */
public final class OidcJwtVerifier {

    private static final Logger LOG = Logger.getLogger(OidcJwtVerifier.class.getName());

    /** Tolerated difference between the provider's clock and this server's. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /**
     * Connect and read timeout of one fetch of the key set. Nimbus's own default (500 ms) refused every token
     * of a provider answering in 600 ms, e.g. a busy one or one behind a slow network; one retry follows a failure.
     */
    public static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** Largest key set accepted, in bytes (a provider's set is a few kilobytes). */
    static final int KEY_SET_MAX_BYTES = 256 * 1024;

    private static final Set<JWSAlgorithm> ACCEPTED = Stream.of(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC,
            JWSAlgorithm.Family.ED).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    private final String issuer;
    private final Set<String> audiences;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    /**
     * A verifier for tokens of {@code issuer} (the exact {@code iss} value), signed with a key of the
     * set at {@code jwksUrl} and meant for one of {@code audiences}.
     */
    public OidcJwtVerifier(String issuer, URI jwksUrl, Set<String> audiences) {
        this.issuer = requireText(issuer, "issuer");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        this.audiences = Set.copyOf(Objects.requireNonNull(audiences, "audiences"));
        if (this.audiences.isEmpty() || this.audiences.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("at least one audience, none blank");
        }
        JWKSource<SecurityContext> keys;
        try {
            int timeout = (int) KEY_FETCH_TIMEOUT.toMillis();
            keys = JWKSourceBuilder.create(jwksUrl.toURL(),
                    new DefaultResourceRetriever(timeout, timeout, KEY_SET_MAX_BYTES)).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWKS URL: " + jwksUrl, e);
        }
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                this.audiences, new JWTClaimsSet.Builder().issuer(this.issuer).build(), Set.of("exp", "iss", "aud"), null);
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    /** The issuer whose tokens are accepted. */
    public String issuer() {
        return issuer;
    }

    /** The audiences of which an accepted token names at least one. */
    public Set<String> audiences() {
        return audiences;
    }

    /**
     * The verified token behind the raw bearer value {@code token}.
     *
     * @throws ManagerException {@code Unauthenticated} (reason {@code invalid_token}) when it is not accepted
     */
    public JsonWebToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw refusal("malformed", "The bearer token is empty");
        }
        try {
            return new VerifiedJwt(token, processor.process(token, null));
        } catch (ParseException e) {
            throw refusal("malformed", "The bearer token is not a JWT");
        } catch (KeySourceException e) {
            LOG.log(Level.WARNING, "The OIDC provider's keys could not be fetched; JWTs are refused until they can", e);
            throw refusal("key_source", "The token's signing keys could not be fetched from the identity provider");
        } catch (BadJWTException e) {
            throw claimRefusal(e.getMessage());
        } catch (BadJOSEException e) {
            throw refusal("signature", "The token's signature was not made by a key of the identity provider");
        } catch (JOSEException e) {
            throw refusal("signature", "The token's signature could not be checked");
        }
    }

    /** Nimbus names the failed claim check in its message only. */
    private ManagerException claimRefusal(String message) {
        String text = message == null ? "" : message;
        if (text.contains("Expired")) {
            return refusal("expired", "The token has expired");
        }
        if (text.contains("before use time")) {
            return refusal("claims", "The token is not valid yet (nbf)");
        }
        if (text.contains("aud claim")) {
            return refusal("audience", "The token is not meant for this server (aud)");
        }
        if (text.contains("iss claim")) {
            return refusal("issuer", "The token was not issued by the configured identity provider (iss)");
        }
        return refusal("claims", "The token lacks a required claim (exp, iss, aud)");
    }

    private static ManagerException refusal(String cause, String message) {
        return new ManagerException(ErrorCode.Unauthenticated, message, Map.of("reason", "invalid_token", "cause", cause));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.trim();
    }
}
