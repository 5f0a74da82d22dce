package io.pipelinemanager.core;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds a {@link PipelineManager}. Configuration layers, lowest first: defaults, the file given to
 * {@link #configFile}, {@code PM_*} environment variables, {@link #property} calls. A data source
 * given to {@link #dataSource} (e.g. a container's) replaces the {@code pm.db.*} connection settings
 * and is not closed by the manager. Migrations run at {@link #build} unless {@code pm.db.migrate=false}.
 */
public final class PipelineManagerBuilder {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private Map<String, String> environment = System.getenv();
    private Path configFile;
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();

    PipelineManagerBuilder() {
    }

    /** Sets a configuration key (highest priority), e.g. {@code property("pm.db.url", url)}. */
    public PipelineManagerBuilder property(String key, String value) {
        properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Reads configuration from a properties file (below environment and builder properties). */
    public PipelineManagerBuilder configFile(Path file) {
        this.configFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Replaces the process environment as the environment layer (for tests and hosts with their own). */
    public PipelineManagerBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Uses a host-managed data source instead of the manager's own pool. */
    public PipelineManagerBuilder dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        return this;
    }

    /** The clock for timestamps (UTC system clock by default). */
    public PipelineManagerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Reads the configuration, migrates the database and opens the manager. */
    public PipelineManager build() {
        ManagerConfig config = ManagerConfig.load(configFile, environment, properties);
        HikariDataSource ownPool = dataSource == null ? Database.pool(config) : null;
        DataSource ds = ownPool != null ? ownPool : dataSource;
        try {
            if (config.bool(ConfigKey.DB_MIGRATE)) {
                Database.migrate(ds);
            }
            Store store = JpaStore.open(ds, new JpaStore.RetryPolicy(config.integer(ConfigKey.DB_RETRY_ATTEMPTS),
                    Duration.ofMillis(config.longValue(ConfigKey.DB_RETRY_BACKOFF_MS))));
            Clock managerClock = clock;
            // Databases keep microseconds: truncate so stored and returned timestamps agree.
            Supplier<Instant> now = () -> managerClock.instant().truncatedTo(ChronoUnit.MICROS);
            return new PipelineManager(store, new ProgramService(store, now), new PipelineService(store, now),
                    ownPool != null ? ownPool : () -> { });
        } catch (RuntimeException e) {
            if (ownPool != null) {
                ownPool.close();
            }
            throw e;
        }
    }
}
