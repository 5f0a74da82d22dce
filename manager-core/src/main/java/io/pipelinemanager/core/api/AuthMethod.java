package io.pipelinemanager.core.api;

import java.util.Locale;

/** How a caller proved who it is. */
public enum AuthMethod {
    /** Authentication is off ({@code pm.auth.mode=none}): the default tenant's administrator. */
    NONE,
    /** A bearer API key issued by this manager. */
    API_KEY,
    /** A bearer JWT signed by the configured OpenID Connect provider. */
    JWT,
    /** The embedding host application vouches for the caller (its own security decided). */
    HOST;

    /** The name used in the REST API and the audit log ({@code api_key}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
