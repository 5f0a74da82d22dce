package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;

import java.util.HashMap;
import java.util.Map;

/**
 * Why a request was not authenticated, as the {@code WWW-Authenticate} challenge of its 401 says it
 * (RFC 6750 section 3): no credentials (a bare challenge), a malformed {@code Authorization} header
 * ({@code invalid_request}) or credentials that are not accepted ({@code invalid_token}: unknown,
 * revoked or expired key; a JWT with a bad signature, wrong issuer or audience, expired, or without a
 * tenant). The reason is the {@code reason} detail of the error body too.
 */
public enum Challenge {
    /** The request carries no bearer credentials. */
    MISSING("missing_credentials", null, null),
    /** The {@code Authorization} header is malformed. */
    INVALID_REQUEST("invalid_request", "invalid_request", "The Authorization header is malformed"),
    /** The credentials are not accepted. */
    INVALID_TOKEN("invalid_token", "invalid_token", "The access token is unknown, revoked, expired or invalid");

    /** The realm of every challenge. */
    public static final String REALM = "pipeline-manager";

    private final String reason;
    private final String error;
    private final String description;

    Challenge(String reason, String error, String description) {
        this.reason = reason;
        this.error = error;
        this.description = description;
    }

    /** The {@code reason} detail of the error body. */
    public String reason() {
        return reason;
    }

    /** The {@code WWW-Authenticate} header value. */
    public String header() {
        return error == null
                ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    /** An {@code Unauthenticated} refusal for this reason. */
    public ManagerException refusal(String message, Map<String, Object> details) {
        Map<String, Object> all = new HashMap<>(details);
        all.put("reason", reason);
        return new ManagerException(ErrorCode.Unauthenticated, message, all);
    }

    /**
     * The challenge for an {@code Unauthenticated} refusal: by its {@code reason} detail when it has a
     * known one; otherwise {@code invalid_token} when the request carried credentials, else {@link #MISSING}.
     */
    public static Challenge of(ManagerException refusal, boolean carriedCredentials) {
        Object reason = refusal == null ? null : refusal.details().get("reason");
        for (Challenge c : values()) {
            if (c.reason.equals(reason)) {
                return c;
            }
        }
        return carriedCredentials ? INVALID_TOKEN : MISSING;
    }
}
