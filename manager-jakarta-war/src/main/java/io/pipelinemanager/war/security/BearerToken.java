package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer credentials of a request ({@code Authorization: Bearer <token>}, RFC 6750): an API key
 * issued by the manager ({@code pm_...}) or a JWT.
 *
 * @param value the token exactly as sent (never logged)
 */
public record BearerToken(String value) {

    /** The prefix of the manager's API keys. */
    public static final String API_KEY_PREFIX = "pm_";
    /** The longest token accepted, in characters (JWTs with many groups stay far below). */
    static final int MAX_LENGTH = 16 * 1024;
    /** RFC 6750 {@code b64token}. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /** Whether the token is one of the manager's API keys (else it is taken for a JWT). */
    public boolean isApiKey() {
        return value.startsWith(API_KEY_PREFIX);
    }

    @Override
    public String toString() {
        return "BearerToken[" + (isApiKey() ? "api key" : "jwt") + "]";
    }

    /**
     * The bearer token of a request's {@code Authorization} header values: empty when there is none;
     * {@code Unauthenticated} with reason {@code invalid_request} when the header is repeated, uses
     * another scheme, or its token is empty, too long or not a {@code b64token}.
     */
    public static Optional<BearerToken> parse(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return Optional.empty();
        }
        if (authorization.size() > 1) {
            throw malformed("The request has more than one Authorization header");
        }
        String header = authorization.get(0) == null ? "" : authorization.get(0).strip();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw malformed("The Authorization header must be 'Bearer <token>' (an API key or a JWT)");
        }
        String token = space < 0 ? "" : header.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > MAX_LENGTH || !B64TOKEN.matcher(token).matches()) {
            throw malformed("The bearer token is empty, too long or contains characters a token cannot have");
        }
        return Optional.of(new BearerToken(token));
    }

    private static ManagerException malformed(String message) {
        return Challenge.INVALID_REQUEST.refusal(message, Map.of());
    }
}
