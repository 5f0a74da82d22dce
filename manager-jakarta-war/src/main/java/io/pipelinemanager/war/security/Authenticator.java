package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.AuthMode;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.SecuritySettings;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides who a request's caller is from its {@code Authorization} header, by {@code pm.auth.mode}:
 * <ul>
 *   <li>{@code none}: everyone is {@link Caller#unauthenticated()}; the header is not read.</li>
 *   <li>{@code apikey}: a bearer API key ({@code pm_...}) is required and checked by the core.</li>
 *   <li>{@code jwt}: a bearer JWT verified through the {@link JwtVerifier} (its claims mapped by the
 *       core's {@link SecuritySettings#jwtCaller}), or an API key.</li>
 * </ul>
 * Every refusal is an {@code Unauthenticated} {@link io.pipelinemanager.core.api.ManagerException} whose
 * {@code reason} detail picks the {@link Challenge}. The caller carries the request id and client address.
 */
public final class Authenticator {

    /** The core's check of an API key (the whole bearer value), recording the request's origin. */
    @FunctionalInterface
    public interface ApiKeyVerifier {
        /** The key's caller; {@code Unauthenticated} when the key is malformed, unknown, revoked or expired. */
        Caller verify(String key, String requestId, String clientAddress);
    }

    private final SecuritySettings settings;
    private final ApiKeyVerifier apiKeys;
    private final JwtVerifier jwt;

    /** An authenticator applying {@code settings}, with the core's key check and the runtime's JWT verification. */
    public Authenticator(SecuritySettings settings, ApiKeyVerifier apiKeys, JwtVerifier jwt) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
    }

    /** The settings applied. */
    public SecuritySettings settings() {
        return settings;
    }

    /**
     * The caller of a request.
     *
     * @param authorization the values of its {@code Authorization} header (none: empty or null)
     * @param container     the runtime's security context (where the server put a verified JWT)
     * @param requestId     the request's id
     * @param clientAddress the client's address, or {@code null} when the runtime does not say
     */
    public Caller authenticate(List<String> authorization, SecurityContext container, String requestId,
                               String clientAddress) {
        if (settings.mode() == AuthMode.NONE) {
            return Caller.unauthenticated().withOrigin(requestId, clientAddress);
        }
        Optional<BearerToken> bearer = BearerToken.parse(authorization);
        if (bearer.isEmpty()) {
            throw Challenge.MISSING.refusal("This operation needs an Authorization header: 'Bearer <API key>'"
                    + (settings.mode() == AuthMode.JWT ? " or 'Bearer <JWT>'" : ""), Map.of());
        }
        BearerToken token = bearer.get();
        if (token.isApiKey()) {
            return apiKeys.verify(token.value(), requestId, clientAddress).withOrigin(requestId, clientAddress);
        }
        if (settings.mode() != AuthMode.JWT) {
            throw Challenge.INVALID_TOKEN.refusal("Only API keys (pm_...) are accepted by this server", Map.of());
        }
        JsonWebToken verified = jwt.verify(token.value(), container);
        return settings.jwtCaller(verified.getName(), name -> plain(verified.getClaim(name)), verified.getGroups())
                .withOrigin(requestId, clientAddress);
    }

    /** MicroProfile JWT answers custom string claims as JSON strings; the core wants their text. */
    private static Object plain(Object claim) {
        return claim instanceof JsonString s ? s.getString() : claim;
    }
}
