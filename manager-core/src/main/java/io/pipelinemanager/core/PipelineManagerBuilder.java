package io.pipelinemanager.core;

import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.DatabaseStatus;
import io.pipelinemanager.core.internal.access.AccessControl;
import io.pipelinemanager.core.internal.apikey.ApiKeyService;
import io.pipelinemanager.core.internal.apikey.Argon2idHasher;
import io.pipelinemanager.core.internal.audit.AuditSink;
import io.pipelinemanager.core.internal.audit.LogAuditSink;
import io.pipelinemanager.core.internal.auditlog.AuditLog;
import io.pipelinemanager.core.internal.compiler.CompileCache;
import io.pipelinemanager.core.internal.compiler.CompileLimits;
import io.pipelinemanager.core.internal.compiler.CompilerWarmUp;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.api.AuthMode;
import io.pipelinemanager.core.api.CheckpointStorage;
import io.pipelinemanager.core.api.OutOfMemoryAction;
import io.pipelinemanager.core.api.SecuritySettings;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStores;
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
import io.pipelinemanager.core.internal.runner.StepScheduler;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import io.pipelinemanager.core.internal.config.ManagerSettings;
import io.pipelinemanager.core.internal.pipeline.PipelineService;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.store.Database;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.jpa.JpaStore;
import io.pipelinemanager.core.internal.tenant.TenantDirectory;
import io.pipelinemanager.core.internal.wakeup.PostgresWakeups;
import io.pipelinemanager.core.internal.wakeup.Wakeups;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds a {@link PipelineManager}, configured the way Flyway is: a typed method for every setting,
 * string keys ({@code pm.*}, listed in the README) as a second way, and the process environment read
 * only when asked.
 *
 * <pre>{@code
 * try (PipelineManager manager = PipelineManager.builder()
 *         .databaseUrl("jdbc:postgresql://127.0.0.1:5432/pipelines?user=pm")
 *         .compilerCacheSize(256)
 *         .egressKeepAlive(Duration.ofSeconds(10))
 *         .environment()            // opt-in: PM_* variables override the defaults; the methods override them
 *         .build()) {
 *     System.out.println(manager.health());
 * }
 * }</pre>
 *
 * <p>Layers, lowest first: defaults &lt; {@link #configFile configuration file} &lt;
 * {@link #environment() environment} &lt; {@link #systemProperties() system properties} &lt; the typed
 * methods, {@link #property} and {@link #properties} (among these, the last call for a key wins).
 * A key given explicitly — by {@code property}, {@code properties} or a {@code pm.*} key in the file —
 * must be one the manager knows: {@link #build} refuses an unknown one with {@code InvalidConfig}
 * naming it, so a typo never passes silently. The environment and system properties contribute only
 * the keys the manager knows ({@code PM_DB_URL}, {@code pm.db.url}); other {@code PM_*} variables
 * and {@code pm.*} properties belong to someone else and are ignored (a near miss of a key's name, such
 * as {@code PM_DB_PASWORD}, with a warning in the log). A value of the wrong form (a
 * pool size of {@code 0}, {@code yes} for a boolean) makes {@code build} throw {@code InvalidConfig}
 * with the key, the value, where it came from and the form expected. Durations are whole milliseconds.
 *
 * <p>A data source given to {@link #dataSource} (e.g. a container's) replaces the {@code pm.db.*}
 * connection settings and is not closed by the manager; the same holds for an {@link #executor}.
 * Migrations run at {@code build} unless {@link #migrateAtStart migrateAtStart(false)}; {@link #probeDatabase}
 * and {@link #migrateDatabase} reach the database without starting a manager (an operator's tools).
 */
public final class PipelineManagerBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineManager.class);

    private final Map<String, String> explicit = new LinkedHashMap<>();
    private Path configFile;
    private String configFileName;
    private Map<String, String> configFileValues = Map.of();
    private Supplier<Map<String, String>> environment;
    private Supplier<Map<String, String>> systemProperties;
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private Executor executor;

    PipelineManagerBuilder() {
    }

    // ---- layers and string keys

    /**
     * Sets a configuration key by name, e.g. {@code property("pm.db.url", url)}; same layer as the
     * typed methods. {@link #build} refuses a key the manager does not know.
     */
    public PipelineManagerBuilder property(String key, String value) {
        explicit.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets every key of {@code properties} as {@link #property} does. */
    public PipelineManagerBuilder properties(Map<String, String> properties) {
        properties.forEach(this::property);
        return this;
    }

    /**
     * Reads a properties file (UTF-8) at {@link #build}, below the environment and the explicit settings.
     * Its {@code pm.*} keys must be known ones; other keys are left alone.
     */
    public PipelineManagerBuilder configFile(Path file) {
        this.configFile = Objects.requireNonNull(file, "file");
        this.configFileName = file.toString();
        this.configFileValues = Map.of();
        return this;
    }

    /**
     * The values of a configuration file the host has read itself (e.g. YAML flattened to
     * {@code pm.*} keys), in the file's layer; {@code name} names the file in errors. Replaces
     * {@link #configFile(Path)}.
     */
    public PipelineManagerBuilder configFile(String name, Map<String, String> values) {
        this.configFile = null;
        this.configFileName = Objects.requireNonNull(name, "name");
        this.configFileValues = Map.copyOf(values);
        return this;
    }

    /**
     * Reads the process environment at {@link #build}: each key's variable ({@code pm.db.url} →
     * {@code PM_DB_URL}) overrides the file. Other variables, {@code PM_*} or not, are ignored.
     * Off unless called.
     */
    public PipelineManagerBuilder environment() {
        this.environment = System::getenv;
        return this;
    }

    /** Like {@link #environment()} with the given variables instead of the process's (tests, launchers). */
    public PipelineManagerBuilder environment(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        this.environment = () -> copy;
        return this;
    }

    /**
     * Reads the JVM's system properties at {@link #build}: {@code -Dpm.db.url=…} overrides the
     * environment. Other properties, {@code pm.*} or not, are ignored. Off unless called.
     */
    public PipelineManagerBuilder systemProperties() {
        this.systemProperties = () -> {
            Map<String, String> values = new LinkedHashMap<>();
            System.getProperties().stringPropertyNames().forEach(n -> values.put(n, System.getProperty(n)));
            return values;
        };
        return this;
    }

    // ---- collaborators

    /** Uses a host-managed data source instead of the manager's own pool ({@code pm.db.*} connection keys unused). */
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
     * Runs pipelines' steps on a host-managed executor (e.g. a container's managed executor): the manager
     * submits {@link #stepThreads} long-lived worker loops to it, which take the steps of every running
     * pipeline (a pipeline holds a thread only while it has work), so it needs that many threads whatever the
     * number of pipelines. The manager only calls {@code execute} and never shuts it down. By default the
     * manager uses threads of its own ({@code pm-step-1}, ...).
     */
    public PipelineManagerBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    // ---- typed settings, one per key (see the README's configuration table)

    /** {@code pm.db.url}: JDBC URL of the manager's database (default: an H2 file under {@code ~/.pipeline-manager}). */
    public PipelineManagerBuilder databaseUrl(String url) {
        return set(ConfigKey.DB_URL, url);
    }

    /** {@code pm.db.user}: database user (default {@code sa}). */
    public PipelineManagerBuilder databaseUser(String user) {
        return set(ConfigKey.DB_USER, user);
    }

    /** {@code pm.db.password}: database password (default empty). */
    public PipelineManagerBuilder databasePassword(String password) {
        return set(ConfigKey.DB_PASSWORD, password);
    }

    /** {@code pm.db.pool-size}: most pooled connections, at least 1 (default 10). */
    public PipelineManagerBuilder databasePoolSize(int connections) {
        return set(ConfigKey.DB_POOL_SIZE, connections);
    }

    /** {@code pm.db.connect-timeout-ms}: wait for a pooled connection, at least 250 ms (default 5 s). */
    public PipelineManagerBuilder databaseConnectTimeout(Duration timeout) {
        return set(ConfigKey.DB_CONNECT_TIMEOUT_MS, timeout);
    }

    /** {@code pm.db.migrate}: apply the schema migrations at {@link #build} (default true; false for DBA-managed schemas). */
    public PipelineManagerBuilder migrateAtStart(boolean migrate) {
        return set(ConfigKey.DB_MIGRATE, migrate);
    }

    /** {@code pm.db.retry-attempts}: attempts for operations that hit a transient connection failure, at least 1 (default 3). */
    public PipelineManagerBuilder databaseRetryAttempts(int attempts) {
        return set(ConfigKey.DB_RETRY_ATTEMPTS, attempts);
    }

    /** {@code pm.db.retry-backoff-ms}: first pause between those attempts, doubled each time (default 100 ms). */
    public PipelineManagerBuilder databaseRetryBackoff(Duration backoff) {
        return set(ConfigKey.DB_RETRY_BACKOFF_MS, backoff);
    }

    /**
     * {@code pm.db.notify}: on PostgreSQL, wake the other instances' background loops with {@code NOTIFY} and listen
     * for theirs on a dedicated connection (default true; false: they poll).
     */
    public PipelineManagerBuilder databaseNotify(boolean notify) {
        return set(ConfigKey.DB_NOTIFY, notify);
    }

    /** {@code pm.instance-id}: this instance's name in work leases (default: generated at start). */
    public PipelineManagerBuilder instanceId(String id) {
        return set(ConfigKey.INSTANCE_ID, id);
    }

    /** {@code pm.background-work}: compile programs and run pipelines here (default true; false: API and store only). */
    public PipelineManagerBuilder backgroundWork(boolean enabled) {
        return set(ConfigKey.BACKGROUND_WORK, enabled);
    }

    /** {@code pm.compiler.poll-interval-ms}: pause between compiler passes (default 200 ms). */
    public PipelineManagerBuilder compilerPollInterval(Duration interval) {
        return set(ConfigKey.COMPILER_POLL_MS, interval);
    }

    /** {@code pm.compiler.cache-size}: compiled programs kept in memory, at least 1 (default 128). */
    public PipelineManagerBuilder compilerCacheSize(int programs) {
        return set(ConfigKey.COMPILER_CACHE_SIZE, programs);
    }

    /** {@code pm.compiler.threads}: compilations that run at once, at least 1 (default 1). */
    public PipelineManagerBuilder compilerThreads(int threads) {
        return set(ConfigKey.COMPILER_THREADS, threads);
    }

    /** {@code pm.compiler.queue-size}: validations that may wait for a compiler thread, at least 0 (default 4). */
    public PipelineManagerBuilder compilerQueueSize(int validations) {
        return set(ConfigKey.COMPILER_QUEUE_SIZE, validations);
    }

    /** {@code pm.compiler.timeout-ms}: time budget of one compilation (default 60 s). */
    public PipelineManagerBuilder compilerTimeout(Duration timeout) {
        return set(ConfigKey.COMPILER_TIMEOUT_MS, timeout);
    }

    /** {@code pm.compiler.max-statements}: most statements in one program (default 10000). */
    public PipelineManagerBuilder compilerMaxStatements(int statements) {
        return set(ConfigKey.COMPILER_MAX_STATEMENTS, statements);
    }

    /** {@code pm.compiler.max-nesting}: deepest nesting of expressions and queries in one statement (default 5000). */
    public PipelineManagerBuilder compilerMaxNesting(int depth) {
        return set(ConfigKey.COMPILER_MAX_NESTING, depth);
    }

    /** {@code pm.on-out-of-memory}: reaction to running out of memory (default {@link OutOfMemoryAction#STOP_PIPELINES}). */
    public PipelineManagerBuilder onOutOfMemory(OutOfMemoryAction action) {
        return set(ConfigKey.ON_OUT_OF_MEMORY, Objects.requireNonNull(action, "action").value());
    }

    /** {@code pm.runner.reconcile-interval-ms}: pause between reconciler passes (default 200 ms). */
    public PipelineManagerBuilder reconcileInterval(Duration interval) {
        return set(ConfigKey.RECONCILE_MS, interval);
    }

    /**
     * {@code pm.runner.clock-tick-ms}: while a pipeline's views use {@code NOW()} (temporal filters), it steps at
     * least this often even without input, reading {@link #clock} (default 1 s).
     */
    public PipelineManagerBuilder clockTick(Duration interval) {
        return set(ConfigKey.CLOCK_TICK_MS, interval);
    }

    /** {@code pm.lease.ttl-ms}: lifetime of a work lease without renewal (default 10 s). */
    public PipelineManagerBuilder leaseTtl(Duration ttl) {
        return set(ConfigKey.LEASE_TTL_MS, ttl);
    }

    /** {@code pm.runner.max-pipelines}: pipelines this instance runs at once, a bound on memory (default 64). */
    public PipelineManagerBuilder maxPipelines(int pipelines) {
        return set(ConfigKey.MAX_PIPELINES, pipelines);
    }

    /**
     * {@code pm.runner.step-threads}: threads that take the steps of all the pipelines of this instance
     * (default 0: one per available processor); with an {@link #executor} the worker loops it runs.
     */
    public PipelineManagerBuilder stepThreads(int threads) {
        return set(ConfigKey.STEP_THREADS, threads);
    }

    /** {@code pm.egress.queue-steps}: steps a view subscriber may fall behind before it is disconnected (default 1024). */
    public PipelineManagerBuilder egressQueueSteps(int steps) {
        return set(ConfigKey.EGRESS_QUEUE_STEPS, steps);
    }

    /** {@code pm.egress.queue-bytes}: estimated bytes of unread changes a subscriber may hold (default 4 MiB). */
    public PipelineManagerBuilder egressQueueBytes(long bytes) {
        return set(ConfigKey.EGRESS_QUEUE_BYTES, bytes);
    }

    /** {@code pm.egress.max-subscriptions-per-pipeline}: open egress streams per pipeline (default 256). */
    public PipelineManagerBuilder egressMaxSubscriptionsPerPipeline(int subscriptions) {
        return set(ConfigKey.EGRESS_MAX_PER_PIPELINE, subscriptions);
    }

    /** {@code pm.egress.max-subscriptions}: open egress streams in this instance (default 1024). */
    public PipelineManagerBuilder egressMaxSubscriptions(int subscriptions) {
        return set(ConfigKey.EGRESS_MAX_PER_INSTANCE, subscriptions);
    }

    /** {@code pm.egress.keepalive-ms}: silence after which an idle egress stream writes a keep-alive line (default 5 s). */
    public PipelineManagerBuilder egressKeepAlive(Duration silence) {
        return set(ConfigKey.EGRESS_KEEPALIVE_MS, silence);
    }

    /** {@code pm.ingress.max-request-bytes}: bytes of one ingress body (default 64 MiB). */
    public PipelineManagerBuilder ingressMaxRequestBytes(long bytes) {
        return set(ConfigKey.INGRESS_MAX_REQUEST_BYTES, bytes);
    }

    /** {@code pm.ingress.max-buffered-bytes}: estimated in-memory bytes of ingress input per pipeline (default 128 MiB). */
    public PipelineManagerBuilder ingressMaxBufferedBytes(long bytes) {
        return set(ConfigKey.INGRESS_MAX_BUFFERED_BYTES, bytes);
    }

    /** {@code pm.query.max-rows}: rows of one snapshot query answer (default 1000000). */
    public PipelineManagerBuilder queryMaxRows(long rows) {
        return set(ConfigKey.QUERY_MAX_ROWS, rows);
    }

    /** {@code pm.query.max-state-bytes}: estimated intermediate state of one snapshot query (default 64 MiB). */
    public PipelineManagerBuilder queryMaxStateBytes(long bytes) {
        return set(ConfigKey.QUERY_MAX_STATE_BYTES, bytes);
    }

    /** {@code pm.auth.mode}: how the adapters authenticate callers (default {@code none}). */
    public PipelineManagerBuilder authMode(AuthMode mode) {
        return set(ConfigKey.AUTH_MODE, Objects.requireNonNull(mode, "mode").wireName());
    }

    /** {@code pm.auth.jwt.tenant-claim}: the JWT claim naming the caller's tenant (default {@code tenant}). */
    public PipelineManagerBuilder jwtTenantClaim(String claim) {
        return set(ConfigKey.AUTH_JWT_TENANT_CLAIM, claim);
    }

    /** {@code pm.auth.jwt.roles.viewer}: the JWT groups that grant the viewer role (default {@code viewer}). */
    public PipelineManagerBuilder jwtViewerGroups(Collection<String> groups) {
        return set(ConfigKey.AUTH_JWT_ROLES_VIEWER, String.join(",", groups));
    }

    /** {@code pm.auth.jwt.roles.editor}: the JWT groups that grant the editor role (default {@code editor}). */
    public PipelineManagerBuilder jwtEditorGroups(Collection<String> groups) {
        return set(ConfigKey.AUTH_JWT_ROLES_EDITOR, String.join(",", groups));
    }

    /** {@code pm.auth.jwt.roles.admin}: the JWT groups that grant the admin role (default {@code admin}). */
    public PipelineManagerBuilder jwtAdminGroups(Collection<String> groups) {
        return set(ConfigKey.AUTH_JWT_ROLES_ADMIN, String.join(",", groups));
    }

    /** {@code pm.auth.jwt.issuer}: the issuer ({@code iss}) a JWT must name; required in {@code jwt} mode. */
    public PipelineManagerBuilder jwtIssuer(String issuer) {
        return set(ConfigKey.AUTH_JWT_ISSUER, issuer);
    }

    /** {@code pm.auth.jwt.jwks-url}: where the identity provider publishes its signing keys; required in {@code jwt} mode. */
    public PipelineManagerBuilder jwtJwksUrl(URI url) {
        return set(ConfigKey.AUTH_JWT_JWKS_URL, url);
    }

    /** {@code pm.auth.jwt.audiences}: a JWT's {@code aud} must contain one of them; required in {@code jwt} mode. */
    public PipelineManagerBuilder jwtAudiences(Collection<String> audiences) {
        return set(ConfigKey.AUTH_JWT_AUDIENCES, String.join(",", audiences));
    }

    /** The authentication settings of {@code auth}; a key set to nothing counts as empty (not as its default). */
    private static SecuritySettings security(ManagerSettings.Auth auth) {
        ManagerSettings.Auth.Jwt jwt = auth.jwt();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ConfigKey.AUTH_MODE.key(), auth.mode().orElse(""));
        values.put(ConfigKey.AUTH_JWT_TENANT_CLAIM.key(), jwt.tenantClaim().orElse(""));
        values.put(ConfigKey.AUTH_JWT_ROLES_VIEWER.key(), jwt.roles().viewer().orElse(""));
        values.put(ConfigKey.AUTH_JWT_ROLES_EDITOR.key(), jwt.roles().editor().orElse(""));
        values.put(ConfigKey.AUTH_JWT_ROLES_ADMIN.key(), jwt.roles().admin().orElse(""));
        values.put(ConfigKey.AUTH_JWT_ISSUER.key(), jwt.issuer().orElse(""));
        values.put(ConfigKey.AUTH_JWT_JWKS_URL.key(), jwt.jwksUrl().orElse(""));
        values.put(ConfigKey.AUTH_JWT_AUDIENCES.key(), jwt.audiences().orElse(""));
        return SecuritySettings.of(values);
    }

    /** {@code pm.audit.retention}: how long audit events are kept (default 90 days, at least 1 second). */
    public PipelineManagerBuilder auditRetention(Duration retention) {
        return property(ConfigKey.AUDIT_RETENTION.key(), Objects.requireNonNull(retention, ConfigKey.AUDIT_RETENTION.key()).toString());
    }

    /** {@code pm.checkpoint.store}: where pipelines keep checkpoints and input journals (default {@code directory}). */
    public PipelineManagerBuilder checkpointStore(CheckpointStorage storage) {
        return set(ConfigKey.CHECKPOINT_STORE, Objects.requireNonNull(storage, "storage").value());
    }

    /** {@code pm.checkpoint.directory}: the directory of the directory checkpoint store (default {@code ~/.pipeline-manager/checkpoints}). */
    public PipelineManagerBuilder checkpointDirectory(Path directory) {
        return set(ConfigKey.CHECKPOINT_DIRECTORY, directory);
    }

    /** {@code pm.checkpoint.journal-max-bytes}: bytes one pipeline's input journal may hold (default 1 GiB). */
    public PipelineManagerBuilder journalMaxBytes(long bytes) {
        return set(ConfigKey.CHECKPOINT_JOURNAL_MAX_BYTES, bytes);
    }

    private PipelineManagerBuilder set(ConfigKey key, Object value) {
        Objects.requireNonNull(value, key.key());
        return property(key.key(), value instanceof Duration d ? String.valueOf(d.toMillis()) : String.valueOf(value));
    }

    /** The keys set so far by the typed methods, {@link #property} and {@link #properties} (tests). */
    Map<String, String> explicitSettings() {
        return Map.copyOf(explicit);
    }

    /** The settings {@link #build} would use (tests). */
    ManagerSettings settings() {
        Map<String, String> file = configFile != null ? ManagerConfig.readFile(configFile) : configFileValues;
        return ManagerConfig.load(new ManagerConfig.Layers(configFileName, file,
                environment == null ? null : environment.get(),
                systemProperties == null ? null : systemProperties.get(), Map.copyOf(explicit)));
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
        ManagerSettings config = settings();
        if (dataSource != null) {
            return work.apply(dataSource);
        }
        try (HikariDataSource pool = Database.pool(config.db())) {
            return work.apply(pool);
        }
    }

    /** Reads the configuration, migrates the database and opens the manager. */
    public PipelineManager build() {
        ManagerSettings config = settings();
        if (config.backgroundWork()) {
            // Calcite's start-up (class loading) overlaps with the database's (pool, Flyway, Hibernate).
            CompilerWarmUp.startOnce();
        }
        SecuritySettings security = security(config.auth());
        List<AutoCloseable> resources = new ArrayList<>();
        HikariDataSource ownPool = dataSource == null ? Database.pool(config.db()) : null;
        DataSource ds = ownPool != null ? ownPool : dataSource;
        if (ownPool != null) {
            resources.add(ownPool);
        }
        try {
            if (config.db().migrate()) {
                Database.migrate(ds);
            }
            Store store = JpaStore.open(ds, new JpaStore.RetryPolicy(config.db().retryAttempts(), config.db().retryBackoff()));
            resources.add(0, store);
            // Pipelines' checkpoints and input journals; closed after the pipelines wrote their last checkpoints.
            CheckpointStore states = CheckpointStores.create(config, ds);
            resources.add(0, states);
            Clock managerClock = clock;
            // Databases keep microseconds: truncate so stored and returned timestamps agree.
            Supplier<Instant> now = () -> managerClock.instant().truncatedTo(ChronoUnit.MICROS);
            String instance = config.instanceId().filter(id -> !id.isBlank()).orElseGet(() -> "pm-" + UUID.randomUUID());
            Leases leases = new Leases(store, instance, config.lease().ttl(), now);
            Runners runners = new Runners();
            OutOfMemoryPolicy outOfMemory = new OutOfMemoryPolicy(config.onOutOfMemory(), runners, Runtime.getRuntime()::halt);
            ManagerSettings.Compiler compilerSettings = config.compiler();
            SqlCompiler sqlCompiler = new SqlCompiler(new CompileCache(compilerSettings.cacheSize()),
                    new CompileLimits(compilerSettings.maxStatements(), compilerSettings.maxNesting(), compilerSettings.timeout()));
            CompilePool compilePool = new CompilePool(sqlCompiler, compilerSettings.threads(),
                    compilerSettings.queueSize(), outOfMemory::outOfMemory);
            resources.add(0, compilePool);
            // Wake-ups: services signal committed changes; on PostgreSQL other instances hear of them by NOTIFY.
            Wakeups wakeups = new Wakeups();
            PostgresWakeups broadcast = null;
            if (config.db().notifyOtherInstances()) {
                // Known from the URL, or asked of the host's data source (unknown while its database is down: the
                // listening thread finds out).
                Optional<Boolean> postgres = ownPool != null
                        ? Optional.of(config.db().url().startsWith("jdbc:postgresql:")) : Database.isPostgres(ds);
                PostgresWakeups.Connections listen = !config.backgroundWork() ? null : ownPool != null
                        ? () -> Database.connect(config.db(), PostgresWakeups.APPLICATION_NAME) : ds::getConnection;
                if (postgres.orElse(listen != null)) {
                    broadcast = new PostgresWakeups(wakeups, ds, listen, instance, postgres.orElse(false));
                    wakeups.broadcastVia(broadcast);
                    resources.add(0, broadcast);
                }
            }
            CompilerService compiler = new CompilerService(store, leases, compilePool, now, wakeups);
            AuditLog auditLog = new AuditLog(store, now, config.audit().retention());
            // Every audit event goes to the structured log and to the database.
            AuditSink audit = AuditSink.all(List.of(new LogAuditSink(), auditLog));
            SecureRandom random = new SecureRandom();
            BackgroundWork background = null;
            if (config.backgroundWork()) {
                int stepThreads = StepScheduler.workers(config.runner().stepThreads());
                Executor steps = executor;
                if (steps == null) {
                    ExecutorService own = Executors.newFixedThreadPool(stepThreads, stepThreadFactory());
                    resources.add(0, own::shutdownNow);
                    steps = own;
                }
                // Every running pipeline's steps, on stepThreads worker loops; ended after the pipelines stopped.
                StepScheduler scheduler = new StepScheduler(steps, stepThreads);
                resources.add(0, scheduler);
                Reconciler reconciler = new Reconciler(store, leases, compilePool, runners, scheduler, now,
                        config.runner().maxPipelines(), states, managerClock, config.runner().clockTick(), wakeups);
                background = new BackgroundWork(compiler, compilerSettings.pollInterval(), reconciler,
                        config.runner().reconcileInterval(), runners, leases, outOfMemory, auditLog, wakeups);
                resources.add(0, background);
            }
            // Closed in order: background loops and local pipelines (writing their last checkpoints, releasing their
            // leases), the step worker loops and their threads, the checkpoint store, the store, the pool; then the last line says so.
            resources.add(() -> LOG.info("Pipeline manager {} stopped", instance));
            ManagerSettings.Egress egressSettings = config.egress();
            EgressLimits egress = new EgressLimits(egressSettings.queueSteps(), egressSettings.queueBytes(),
                    egressSettings.maxSubscriptionsPerPipeline(), egressSettings.maxSubscriptions(), egressSettings.keepAlive());
            PostgresWakeups listener = broadcast;
            PipelineManager manager = new PipelineManager(new ProgramService(store, now, wakeups),
                    new PipelineService(store, now, config.runner().maxPipelines(), states, wakeups), compiler,
                    new DataPlane(store, runners, new DataPlane.Limits(config.ingress().maxRequestBytes(),
                            config.ingress().maxBufferedBytes(), config.query().maxRows(), config.query().maxStateBytes()),
                            egress),
                    new HealthCheck(store, background, outOfMemory,
                            () -> listener == null ? Optional.empty() : listener.problem()),
                    new AccessControl(new TenantDirectory(store, now), audit, now),
                    new ApiKeyService(store, now, new Argon2idHasher(Argon2idHasher.DEFAULT_COST, random,
                            Runtime.getRuntime().availableProcessors()), random, audit),
                    auditLog, List.copyOf(resources), security);
            LOG.info("Pipeline manager {} started ({}, background work {}, wake-ups {})", instance,
                    ownPool != null ? "own connection pool" : "host data source", background != null ? "on" : "off",
                    broadcast != null ? "in-process and LISTEN/NOTIFY" : "in-process only");
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

    private static ThreadFactory stepThreadFactory() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pm-step-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
