package io.pipelinemanager.core;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.DatabaseStatus;
import io.pipelinemanager.core.internal.compiler.CompileCache;
import io.pipelinemanager.core.internal.compiler.CompileLimits;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.health.HealthCheck;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.program.CompilePool;
import io.pipelinemanager.core.internal.program.CompilerService;
import io.pipelinemanager.core.internal.runner.BackgroundWork;
import io.pipelinemanager.core.internal.runner.DataPlane;
import io.pipelinemanager.core.internal.runner.EgressLimits;
import io.pipelinemanager.core.internal.runner.OutOfMemoryPolicy;
import io.pipelinemanager.core.internal.runner.Reconciler;
import io.pipelinemanager.core.internal.runner.Runners;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;
import io.pipelinemanager.core.internal.tenant.TenantDirectory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds a {@link PipelineManager}. Configuration layers, lowest first: defaults, the file given to
 * {@link #configFile}, {@code PM_*} environment variables, {@link #property} calls. A data source
 * given to {@link #dataSource} (e.g. a container's) replaces the {@code pm.db.*} connection settings
 * and is not closed by the manager. Migrations run at {@link #build} unless {@code pm.db.migrate=false}.
 */
public final class PipelineManagerBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineManager.class);

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> fileValues = new LinkedHashMap<>();
    private Map<String, String> environment = System.getenv();
    private Path configFile;
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;

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

    /**
     * Adds configuration values read elsewhere (e.g. from a YAML file) to the file layer: below the
     * environment and {@link #property} calls, above the file of {@link #configFile}.
     */
    public PipelineManagerBuilder configValues(Map<String, String> values) {
        Objects.requireNonNull(values, "values").forEach((key, value) -> fileValues.put(
                Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
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

    /**
     * Runs pipelines' step loops on a host-managed executor (e.g. a container's managed executor);
     * each running pipeline keeps one of its threads busy. By default the manager uses threads of its own.
     */
    public PipelineManagerBuilder executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Connects with this configuration and reports the database and the state of the manager's schema;
     * starts nothing and changes nothing. Fails with {@code DatabaseUnavailable} when the database cannot be
     * reached, {@code InvalidConfig} when the configuration is wrong.
     */
    public DatabaseStatus probeDatabase() {
        return withDataSource(Database::status);
    }

    /**
     * Applies the pending schema migrations (whatever {@code pm.db.migrate} says) and reports the result;
     * starts nothing else. Fails with {@code DatabaseUnavailable} when the database cannot be reached or a
     * migration fails.
     */
    public DatabaseStatus migrateDatabase() {
        return withDataSource(ds -> {
            Database.migrate(ds);
            return Database.status(ds);
        });
    }

    private <T> T withDataSource(Function<DataSource, T> work) {
        ManagerConfig config = loadConfig();
        if (dataSource != null) {
            return work.apply(dataSource);
        }
        try (HikariDataSource pool = Database.pool(config)) {
            return work.apply(pool);
        }
    }

    private ManagerConfig loadConfig() {
        return ManagerConfig.load(configFile, fileValues, environment, properties);
    }

    /** Reads the configuration, migrates the database and opens the manager. */
    public PipelineManager build() {
        ManagerConfig config = loadConfig();
        List<AutoCloseable> resources = new ArrayList<>();
        HikariDataSource ownPool = dataSource == null ? Database.pool(config) : null;
        DataSource ds = ownPool != null ? ownPool : dataSource;
        if (ownPool != null) {
            resources.add(ownPool);
        }
        try {
            if (config.bool(ConfigKey.DB_MIGRATE)) {
                Database.migrate(ds);
            }
            Store store = JpaStore.open(ds, new JpaStore.RetryPolicy(config.integer(ConfigKey.DB_RETRY_ATTEMPTS),
                    Duration.ofMillis(config.longValue(ConfigKey.DB_RETRY_BACKOFF_MS))));
            resources.add(0, store);
            Clock managerClock = clock;
            // Databases keep microseconds: truncate so stored and returned timestamps agree.
            Supplier<Instant> now = () -> managerClock.instant().truncatedTo(ChronoUnit.MICROS);
            String instance = config.string(ConfigKey.INSTANCE_ID).isBlank()
                    ? "pm-" + UUID.randomUUID() : config.string(ConfigKey.INSTANCE_ID);
            Leases leases = new Leases(store, instance, Duration.ofMillis(config.longValue(ConfigKey.LEASE_TTL_MS)), now);
            Runners runners = new Runners();
            OutOfMemoryPolicy outOfMemory = new OutOfMemoryPolicy(
                    OutOfMemoryPolicy.Action.parse(config.string(ConfigKey.ON_OUT_OF_MEMORY)), runners,
                    Runtime.getRuntime()::halt);
            SqlCompiler sqlCompiler = new SqlCompiler(new CompileCache(config.integer(ConfigKey.COMPILER_CACHE_SIZE)),
                    new CompileLimits(config.integer(ConfigKey.COMPILER_MAX_STATEMENTS),
                            config.integer(ConfigKey.COMPILER_MAX_NESTING),
                            Duration.ofMillis(config.longValue(ConfigKey.COMPILER_TIMEOUT_MS))));
            CompilePool compilePool = new CompilePool(sqlCompiler, config.integer(ConfigKey.COMPILER_THREADS),
                    config.integer(ConfigKey.COMPILER_QUEUE_SIZE), outOfMemory::outOfMemory);
            resources.add(0, compilePool);
            CompilerService compiler = new CompilerService(store, leases, compilePool, now);
            BackgroundWork background = null;
            if (config.bool(ConfigKey.BACKGROUND_WORK)) {
                ExecutorService steps = executor != null ? executor : Executors.newCachedThreadPool(daemonThreads());
                if (executor == null) {
                    resources.add(0, steps::shutdownNow);
                }
                Reconciler reconciler = new Reconciler(store, leases, compilePool, runners, steps, now,
                        config.integer(ConfigKey.MAX_PIPELINES));
                background = new BackgroundWork(compiler,
                        Duration.ofMillis(config.longValue(ConfigKey.COMPILER_POLL_MS)), reconciler,
                        Duration.ofMillis(config.longValue(ConfigKey.RECONCILE_MS)), runners, leases, outOfMemory);
                resources.add(0, background);
            }
            // Closed in order: background loops and local pipelines (releasing their leases), the pipelines'
            // threads, the store, the pool; then the last line says so.
            resources.add(() -> LOG.info("Pipeline manager {} stopped", instance));
            EgressLimits egress = new EgressLimits(config.integer(ConfigKey.EGRESS_QUEUE_STEPS),
                    config.longValue(ConfigKey.EGRESS_QUEUE_BYTES), config.integer(ConfigKey.EGRESS_MAX_PER_PIPELINE),
                    config.integer(ConfigKey.EGRESS_MAX_PER_INSTANCE),
                    Duration.ofMillis(config.longValue(ConfigKey.EGRESS_KEEPALIVE_MS)));
            PipelineManager manager = new PipelineManager(new ProgramService(store, now),
                    new PipelineService(store, now, config.integer(ConfigKey.MAX_PIPELINES)), compiler,
                    new DataPlane(store, runners, new DataPlane.Limits(
                            config.positiveLong(ConfigKey.INGRESS_MAX_REQUEST_BYTES),
                            config.positiveLong(ConfigKey.INGRESS_MAX_BUFFERED_BYTES),
                            config.positiveLong(ConfigKey.QUERY_MAX_ROWS),
                            config.positiveLong(ConfigKey.QUERY_MAX_STATE_BYTES)), egress),
                    new HealthCheck(store, background, outOfMemory), new TenantDirectory(store, now),
                    List.copyOf(resources));
            LOG.info("Pipeline manager {} started ({}, background work {})", instance,
                    ownPool != null ? "own connection pool" : "host data source", background != null ? "on" : "off");
            return manager;
        } catch (RuntimeException e) {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "pm-pipeline");
            t.setDaemon(true);
            return t;
        };
    }
}
