package io.pipelinemanager.core.internal.health;

import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.runner.BackgroundWork;
import io.pipelinemanager.core.internal.store.Store;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks the database with a real query through the store, and the background loops' progress. */
public final class HealthCheck {

    private final Store store;
    private final BackgroundWork background;

    /** {@code background} is null when this instance does no background work. */
    public HealthCheck(Store store, BackgroundWork background) {
        this.store = store;
        this.background = background;
    }

    /** The current health; never throws. */
    public ManagerHealth check() {
        Map<String, String> details = new LinkedHashMap<>();
        boolean database;
        try {
            database = store.read(s -> s.tenantExists(TenantId.DEFAULT));
            if (!database) {
                details.put("database", "the default tenant is missing: the schema is not migrated");
            }
        } catch (RuntimeException e) {
            database = false;
            details.put("database", e.getMessage());
        }
        boolean loops = true;
        if (background == null) {
            details.put("background", "disabled (pm.background-work=false)");
        } else {
            Map<String, Long> stalled = background.stalledLoops();
            loops = stalled.isEmpty();
            stalled.forEach((loop, seconds) -> details.put(loop, "no pass started for " + seconds + " s"));
        }
        return new ManagerHealth(database, loops, details);
    }
}
