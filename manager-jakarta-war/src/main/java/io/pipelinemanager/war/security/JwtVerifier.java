package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.AuthMode;
import io.pipelinemanager.core.api.SecuritySettings;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;

/**
 * The seam through which a verified JWT reaches the {@link AuthenticationFilter}: an implementation
 * checks the token against the identity provider ({@code pm.auth.jwt.issuer}, {@code pm.auth.jwt.jwks-url},
 * {@code pm.auth.jwt.audiences}: signature, issuer, audience, expiry) and answers it as MicroProfile JWT's
 * {@link JsonWebToken}. The application verifies tokens itself on every runtime (the servers' MP-JWT
 * mechanisms are off: WildFly's refuses API keys before the application sees them, see the WAR's
 * {@code NOTES.md}). Implementations never map claims to roles: the core's {@code SecuritySettings.jwtCaller} does.
 */
@FunctionalInterface
public interface JwtVerifier {

    /**
     * The verified token that {@code token} (the raw bearer value, not an API key) stands for.
     *
     * @param token     the bearer token as the client sent it
     * @param container the runtime's security context of the request, before the filter replaced it (may be null)
     * @throws io.pipelinemanager.core.api.ManagerException {@code Unauthenticated} (reason {@code invalid_token})
     *         when the token is not verified
     */
    JsonWebToken verify(String token, SecurityContext container);

    /**
     * The verifier {@code settings} call for: in {@code jwt} mode an {@link OidcJwtVerifier} of the configured
     * issuer, JWKS URL and audiences (it caches the provider's keys, so keep one per application); in the
     * other modes one that refuses every token (they never ask it).
     */
    static JwtVerifier of(SecuritySettings settings) {
        if (settings.mode() != AuthMode.JWT) {
            return (token, container) -> {
                throw Challenge.INVALID_TOKEN.refusal("This server accepts no JWTs (pm.auth.mode=" + settings.mode().wireName()
                        + ")", Map.of());
            };
        }
        OidcJwtVerifier oidc = new OidcJwtVerifier(settings.jwtIssuer(), settings.jwtJwksUrl(), settings.jwtAudiences());
        return (token, container) -> oidc.verify(token);
    }
}
