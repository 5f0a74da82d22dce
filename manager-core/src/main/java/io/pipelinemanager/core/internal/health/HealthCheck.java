package io.pipelinemanager.core.internal.health;

import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.runner.BackgroundWork;
import io.pipelinemanager.core.internal.runner.OutOfMemoryPolicy;
import io.pipelinemanager.core.internal.store.Store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks the database with a real query through the store, the background loops' progress and whether
 * the instance recently ran out of memory ({@link OutOfMemoryPolicy}); whether it hears other instances' changes
 * is reported in the details without making it unhealthy.
 */
public final class HealthCheck {

    private final Store store;
    private final BackgroundWork background;
    private final OutOfMemoryPolicy outOfMemory;

    private final Supplier<Optional<String>> wakeups;

    /** {@code background} is null when this instance does no background work. */
    public HealthCheck(Store store, BackgroundWork background, OutOfMemoryPolicy outOfMemory) {
        this(store, background, outOfMemory, Optional::empty);
    }

    /**
     * Like the constructor above; {@code wakeups} tells why the instance does not hear other instances' changes
     * now (detail {@code wakeups}: it then sees them at its poll intervals, so the instance stays up).
     */
    public HealthCheck(Store store, BackgroundWork background, OutOfMemoryPolicy outOfMemory,
                       Supplier<Optional<String>> wakeups) {
        this.store = store;
        this.background = background;
        this.outOfMemory = outOfMemory;
        this.wakeups = wakeups;
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
        wakeups.get().ifPresent(problem -> details.put("wakeups", problem));
        var memory = outOfMemory.recent();
        if (memory.isPresent()) {
            loops = false;
            details.put("out_of_memory", memory.get());
        }
        return new ManagerHealth(database, loops, details);
    }
}
