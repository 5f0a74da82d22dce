package io.pipelinemanager.core.api;

import java.util.Map;
import java.util.Objects;

/**
 * Readiness of a manager instance: whether its database answers and whether its background loops
 * (compiler, reconciler, lease renewal) keep running. {@code details} explains any problem.
 */
public record ManagerHealth(boolean databaseUp, boolean backgroundWorkUp, Map<String, String> details) {

    public ManagerHealth {
        details = Map.copyOf(Objects.requireNonNull(details, "details"));
    }

    /** Whether the instance can serve requests and do its work. */
    public boolean isUp() {
        return databaseUp && backgroundWorkUp;
    }
}
