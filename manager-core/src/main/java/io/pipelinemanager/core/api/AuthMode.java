package io.pipelinemanager.core.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How the adapters authenticate callers ({@code pm.auth.mode}). The core authorizes every call the
 * same way whatever the mode; the mode only decides how an adapter turns a request into a {@link Caller}.
 */
public enum AuthMode {
    /** No authentication: every call is {@link Caller#unauthenticated()} (the default tenant's administrator). */
    NONE,
    /** Bearer API keys issued by the manager ({@code Authorization: Bearer pm_...}). */
    APIKEY,
    /** Bearer JWTs verified by the server (MicroProfile JWT) or the embedded host; API keys are accepted too. */
    JWT;

    /** The name used in configuration ({@code none}, {@code apikey}, {@code jwt}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code value} (any case, surrounding blanks ignored); {@code InvalidConfig} for anything else. */
    public static AuthMode parse(String value) {
        String name = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(m -> m.wireName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new ManagerException(ErrorCode.InvalidConfig,
                        "pm.auth.mode must be none, apikey or jwt, not '" + name + "'",
                        Map.of("key", "pm.auth.mode", "value", name)));
    }
}
