package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The browser origins allowed to call the API cross-origin ({@code pm.http.cors.allowed-origins}, a key of
 * the HTTP adapters): none by default, so CORS is off. Origins are compared exactly (scheme, host and port),
 * ignoring case.
 */
public final class CorsPolicy {

    /** No origin is allowed. */
    public static final CorsPolicy OFF = new CorsPolicy(List.of());

    private final List<String> origins;

    private CorsPolicy(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    /**
     * The policy of a comma-separated list of origins such as {@code https://app.example.com,http://localhost:3000};
     * anything else than scheme, host and optional port is {@code InvalidConfig}.
     */
    public static CorsPolicy of(String commaSeparated) {
        List<String> origins = commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            if (!origin.matches("(?i)https?://[^/?#\\s@]+")) {
                throw new ManagerException(ErrorCode.InvalidConfig,
                        "pm.http.cors.allowed-origins lists origins like https://app.example.com (scheme, host and "
                                + "optional port, no path), not '" + origin + "'",
                        Map.of("key", "pm.http.cors.allowed-origins", "value", origin));
            }
        }
        return new CorsPolicy(origins);
    }

    /** Whether a page of {@code origin} (an {@code Origin} header) may call the API cross-origin. */
    public boolean allows(String origin) {
        return origin != null && origins.stream().anyMatch(o -> o.equalsIgnoreCase(origin.trim()));
    }

    /** The allowed origins. */
    public List<String> origins() {
        return origins;
    }

    @Override
    public String toString() {
        return "CorsPolicy" + origins;
    }
}
