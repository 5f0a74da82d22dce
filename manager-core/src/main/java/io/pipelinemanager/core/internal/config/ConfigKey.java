package io.pipelinemanager.core.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key of the manager, declared once: its {@code pm.*} name, its default, the form
 * of its values and what it means. {@link ManagerSettings} maps the keys to typed values (a test
 * checks that both list the same keys). The environment variable of a key is its name upper-cased
 * with every non-alphanumeric character replaced by {@code _} ({@code pm.db.url} → {@code PM_DB_URL}).
 * Keys that only an adapter reads (the WAR's data source, HTTP settings) are declared by that adapter.
 */
public enum ConfigKey {
    /** JDBC URL of the manager's database. */
    DB_URL("pm.db.url",
            "jdbc:h2:file:~/.pipeline-manager/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE",
            "a JDBC URL",
            "JDBC URL of the manager's database (H2 file database by default, PostgreSQL for servers)"),
    /** Database user. */
    DB_USER("pm.db.user", "sa", "text", "database user"),
    /** Database password. */
    DB_PASSWORD("pm.db.password", "", "text", "database password"),
    /** Maximum size of the manager's connection pool. */
    DB_POOL_SIZE("pm.db.pool-size", "10", Expected.POSITIVE, "maximum number of pooled database connections"),
    /** How long to wait for a connection before failing. */
    DB_CONNECT_TIMEOUT_MS("pm.db.connect-timeout-ms", "5000", "milliseconds, at least 250",
            "milliseconds to wait for a pooled connection"),
    /** Whether to run the Flyway migrations at start. */
    DB_MIGRATE("pm.db.migrate", "true", Expected.BOOLEAN,
            "run the schema migrations at start (false for DBA-managed schemas)"),
    /** How often to try an operation that hit a transient connection failure. */
    DB_RETRY_ATTEMPTS("pm.db.retry-attempts", "3", Expected.POSITIVE,
            "attempts for operations that hit a transient connection failure"),
    /** First pause between such attempts; doubled each time. */
    DB_RETRY_BACKOFF_MS("pm.db.retry-backoff-ms", "100", Expected.MILLIS,
            "first pause in milliseconds between retries, doubled each time"),
    /** Whether instances sharing a PostgreSQL database wake each other with LISTEN/NOTIFY. */
    DB_NOTIFY("pm.db.notify", "true", Expected.BOOLEAN,
            "on PostgreSQL, announce changes with NOTIFY and listen for other instances' announcements on a "
                    + "dedicated connection, so their background loops act at once (false: they poll)"),
    /** Identity of this manager instance in work leases. */
    INSTANCE_ID("pm.instance-id", "", "text", "identity of this instance in work leases (default: generated at start)"),
    /** Whether this instance compiles programs and runs pipelines. */
    BACKGROUND_WORK("pm.background-work", "true", Expected.BOOLEAN,
            "compile programs and run pipelines in this instance (false: API and store only)"),
    /** Pause between passes of the compiler loop. */
    COMPILER_POLL_MS("pm.compiler.poll-interval-ms", "200", Expected.POSITIVE_MILLIS,
            "milliseconds between compiler passes over pending programs"),
    /** Number of compiled programs kept in memory. */
    COMPILER_CACHE_SIZE("pm.compiler.cache-size", "128", Expected.POSITIVE,
            "compiled programs kept in memory, by content hash"),
    /** Compilations that run at once. */
    COMPILER_THREADS("pm.compiler.threads", "1", Expected.POSITIVE,
            "compilations (validations and background) that run at once, each on a thread with a 64 MiB stack"),
    /** Validations that may wait for a compiler thread. */
    COMPILER_QUEUE_SIZE("pm.compiler.queue-size", "4", Expected.COUNT,
            "validations that may wait for a compiler thread; more are refused with 429 BackPressure"),
    /** Time budget of one compilation. */
    COMPILER_TIMEOUT_MS("pm.compiler.timeout-ms", "60000", Expected.POSITIVE_MILLIS,
            "milliseconds one compilation may take before it is cancelled (diagnostic CompileLimit)"),
    /** Most statements in one program. */
    COMPILER_MAX_STATEMENTS("pm.compiler.max-statements", "10000", Expected.POSITIVE,
            "most statements (tables and views) in one program (diagnostic CompileLimit)"),
    /** Deepest nesting of expressions and queries. */
    COMPILER_MAX_NESTING("pm.compiler.max-nesting", "5000", Expected.POSITIVE,
            "deepest nesting of expressions and queries in one statement (diagnostic TooDeeplyNested)"),
    /** Reaction to running out of memory. */
    ON_OUT_OF_MEMORY("pm.on-out-of-memory", "stop-pipelines", "stop-pipelines or exit",
            "on OutOfMemoryError in a background loop or compilation: stop-pipelines (fail local pipelines, "
                    + "report unhealthy for 60 s, keep serving) or exit (halt the process with status 3)"),
    /** Pause between passes of the pipeline reconciler. */
    RECONCILE_MS("pm.runner.reconcile-interval-ms", "200", Expected.POSITIVE_MILLIS,
            "milliseconds between reconciler passes over active pipelines"),
    /** Longest time without a step while a pipeline's views read the clock (NOW() in a temporal filter). */
    CLOCK_TICK_MS("pm.runner.clock-tick-ms", "1000", Expected.POSITIVE_MILLIS,
            "milliseconds between steps without input of a pipeline whose views use NOW(), so rows leave and enter them as time passes"),
    /** Lifetime of a work lease; another instance takes over work whose lease expired. */
    LEASE_TTL_MS("pm.lease.ttl-ms", "10000", Expected.POSITIVE_MILLIS,
            "milliseconds a work lease lives without renewal"),
    /** Pipelines one instance runs at once (they share the step threads). */
    MAX_PIPELINES("pm.runner.max-pipelines", "64", Expected.POSITIVE,
            "pipelines this instance runs at once (a bound on memory: they share the pm.runner.step-threads); "
                    + "starts beyond that many active pipelines are refused with CapacityExceeded"),
    /** Threads that take the steps of all the pipelines of one instance. */
    STEP_THREADS("pm.runner.step-threads", "0", Expected.COUNT,
            "threads that take the steps, checkpoints and restores of all the pipelines of this instance, a pipeline "
                    + "holding one only while it has work (0: one per available processor). With a host executor "
                    + "(the WAR's managed executor) that many of its threads run for the manager's life"),
    /** Capacity of a view subscriber's queue, in steps. */
    EGRESS_QUEUE_STEPS("pm.egress.queue-steps", "1024", Expected.POSITIVE,
            "steps a view subscriber may fall behind before it is disconnected"),
    /** Largest ingress request body. */
    INGRESS_MAX_REQUEST_BYTES("pm.ingress.max-request-bytes", String.valueOf(64L << 20), Expected.POSITIVE_BYTES,
            "bytes one ingress request body may have (larger: 413 RequestTooLarge, nothing applied)"),
    /** Input a pipeline may hold in memory, in estimated bytes. */
    INGRESS_MAX_BUFFERED_BYTES("pm.ingress.max-buffered-bytes", String.valueOf(128L << 20), Expected.POSITIVE_BYTES,
            "estimated in-memory bytes of ingress input per pipeline, being parsed or waiting for a step "
                    + "(more: 429 BackPressure)"),
    /** Rows of one snapshot query answer. */
    QUERY_MAX_ROWS("pm.query.max-rows", "1000000", Expected.POSITIVE,
            "rows one snapshot query answer may have (more: 422 QueryLimitExceeded)"),
    /** Intermediate state of one snapshot query. */
    QUERY_MAX_STATE_BYTES("pm.query.max-state-bytes", String.valueOf(64L << 20), Expected.POSITIVE_BYTES,
            "estimated bytes of intermediate state (joins, groups, sorting) one snapshot query may build "
                    + "(more: 422 QueryLimitExceeded)"),
    /** Capacity of a view subscriber's queue, in estimated encoded bytes. */
    EGRESS_QUEUE_BYTES("pm.egress.queue-bytes", "4194304", Expected.POSITIVE_BYTES,
            "estimated bytes of changes a view subscriber may leave unread before it is disconnected (BackPressure)"),
    /** Egress subscriptions one pipeline serves at once. */
    EGRESS_MAX_PER_PIPELINE("pm.egress.max-subscriptions-per-pipeline", "256", Expected.POSITIVE,
            "egress subscriptions one pipeline serves at once; more are refused with BackPressure"),
    /** Egress subscriptions one instance serves at once. */
    EGRESS_MAX_PER_INSTANCE("pm.egress.max-subscriptions", "1024", Expected.POSITIVE,
            "egress subscriptions this instance serves at once; more are refused with BackPressure"),
    /** Silence after which an egress stream writes a keep-alive line. */
    EGRESS_KEEPALIVE_MS("pm.egress.keepalive-ms", "5000", Expected.POSITIVE_MILLIS,
            "milliseconds an idle egress stream stays silent before it writes the line {\"keepalive\":true}"),
    /** How the adapters authenticate callers. */
    AUTH_MODE("pm.auth.mode", "none", "none, apikey or jwt",
            "none (every call is the default tenant's admin), apikey (Authorization: Bearer pm_...) or jwt "
                    + "(bearer JWTs of an OpenID Connect provider, API keys accepted too)"),
    /** The JWT claim naming the caller's tenant. */
    AUTH_JWT_TENANT_CLAIM("pm.auth.jwt.tenant-claim", "tenant", "a claim name",
            "the JWT claim whose value names the caller's tenant"),
    /** Token groups granting the viewer role. */
    AUTH_JWT_ROLES_VIEWER("pm.auth.jwt.roles.viewer", "viewer", Expected.LIST,
            "comma-separated JWT groups that grant the viewer role"),
    /** Token groups granting the editor role. */
    AUTH_JWT_ROLES_EDITOR("pm.auth.jwt.roles.editor", "editor", Expected.LIST,
            "comma-separated JWT groups that grant the editor role"),
    /** Token groups granting the admin role. */
    AUTH_JWT_ROLES_ADMIN("pm.auth.jwt.roles.admin", "admin", Expected.LIST,
            "comma-separated JWT groups that grant the admin role"),
    /** The issuer JWTs must name. */
    AUTH_JWT_ISSUER("pm.auth.jwt.issuer", "", "text",
            "the issuer (iss) a JWT must name; required with pm.auth.mode=jwt"),
    /** Where the identity provider publishes its signing keys. */
    AUTH_JWT_JWKS_URL("pm.auth.jwt.jwks-url", "", "an http(s) URL",
            "the identity provider's JWKS URL (jwks_uri of its discovery document); required with pm.auth.mode=jwt"),
    /** Audiences a JWT must be for. */
    AUTH_JWT_AUDIENCES("pm.auth.jwt.audiences", "", Expected.LIST,
            "comma-separated audiences; a JWT's aud must contain one; required with pm.auth.mode=jwt"),
    /** How long audit events are kept. */
    AUDIT_RETENTION("pm.audit.retention", "P90D", Expected.POSITIVE_DURATION,
            "how long audit events are kept; older ones are deleted by the background work"),
    /** Where checkpoints and input journals are kept. */
    CHECKPOINT_STORE("pm.checkpoint.store", "directory", "directory or database",
            "where pipelines keep checkpoints and input journals: directory (local files, one instance) or "
                    + "database (the manager's database, so another instance can take a pipeline over)"),
    /** The directory of the directory checkpoint store. */
    CHECKPOINT_DIRECTORY("pm.checkpoint.directory", "~/.pipeline-manager/checkpoints", "a directory path",
            "directory of checkpoints and journals with pm.checkpoint.store=directory (~/ is the user's home), "
                    + "one subdirectory per pipeline"),
    /** Most bytes one pipeline's input journal may hold. */
    CHECKPOINT_JOURNAL_MAX_BYTES("pm.checkpoint.journal-max-bytes", String.valueOf(1L << 30), Expected.POSITIVE_BYTES,
            "bytes one pipeline's input journal may hold; a checkpoint truncates it, more input waits (BackPressure)");

    private final String key;
    private final String defaultValue;
    private final String expected;
    private final String description;

    ConfigKey(String key, String defaultValue, String expected, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.description = description;
    }

    /** The property name, e.g. {@code pm.db.url}. */
    public String key() {
        return key;
    }

    /** The value used when no layer sets the key. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The form of a valid value, for error messages, e.g. {@code an integer of at least 1}. */
    public String expected() {
        return expected;
    }

    /** One line for documentation. */
    public String description() {
        return description;
    }

    /** The environment variable that sets this key, e.g. {@code PM_DB_URL}. */
    public String envName() {
        return envName(key);
    }

    /** The key with this property name. */
    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key set by this environment variable. */
    public static Optional<ConfigKey> byEnvName(String env) {
        return Arrays.stream(values()).filter(k -> k.envName().equals(env)).findFirst();
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Forms shared by several keys (the converters of {@link ManagerSettings} enforce them). */
    private static final class Expected {
        static final String BOOLEAN = "true or false";
        static final String COUNT = "an integer of at least 0";
        static final String POSITIVE = "an integer of at least 1";
        static final String POSITIVE_BYTES = "a number of bytes of at least 1";
        static final String MILLIS = "milliseconds, at least 0";
        static final String POSITIVE_MILLIS = "milliseconds, at least 1";
        static final String LIST = "a comma-separated list";
        static final String POSITIVE_DURATION =
                "an ISO-8601 duration in days, hours, minutes or seconds of at least 1 second, e.g. P90D or PT12H";
    }
}
