package io.pipelinemanager.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.DatabaseStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Connection pool and schema migrations for the manager's database. */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * Detail key of a {@code DatabaseUnavailable} error from here: {@code connect} (the database cannot be reached)
     * or {@code migrate} (it was reached, but a migration failed), so an operator tool can tell the two apart.
     */
    public static final String OPERATION = "operation";

    /** Where the migrations of the {@code migrations} module live on the class path. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private static final String H2 = "jdbc:h2:";

    private Database() {
    }

    /** A HikariCP pool configured from {@code pm.db.*}. */
    public static HikariDataSource pool(ManagerSettings.Db settings) {
        String url = jdbcUrl(settings.url());
        requireDriver(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("pipeline-manager");
        hikari.setJdbcUrl(url);
        hikari.setUsername(settings.user().orElse(null));
        hikari.setPassword(settings.password().orElse(null));
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(settings.connectTimeout().toMillis());
        hikari.setAutoCommit(true);
        // Fail at the first use rather than at build when the database is briefly down.
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /**
     * A connection of its own (outside the pool) with the {@code pm.db.*} settings, named {@code applicationName}
     * where the driver supports it (PostgreSQL shows it in {@code pg_stat_activity}).
     */
    public static Connection connect(ManagerSettings.Db settings, String applicationName) throws SQLException {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(jdbcUrl(settings.url()), properties);
    }

    /**
     * The URL the manager connects with: {@code configured}, plus {@code ;WRITE_DELAY=0} for an H2 database this
     * process opens from a file (not in memory, not over TCP/SSL) whose URL does not set {@code WRITE_DELAY}. H2
     * otherwise writes a commit's changes up to a second later, so a crash or {@code kill -9} right after an
     * acknowledged request would undo it (H2CommitDurabilityTest, CrashRecoveryIT).
     */
    public static String jdbcUrl(String configured) {
        if (!configured.startsWith(H2) || configured.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
            return configured;
        }
        String rest = configured.substring(H2.length());
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
            return configured;
        }
        return configured + ";WRITE_DELAY=0";
    }

    /** Whether {@code dataSource} connects to PostgreSQL; empty when that cannot be found out now. */
    public static Optional<Boolean> isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of("PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()));
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not tell the database product: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Fails with {@code InvalidConfig} unless a JDBC driver on the class path accepts {@code url}. Drivers are the
     * host's choice (H2 comes with the core and can be excluded, PostgreSQL is optional), so a missing one is a
     * configuration error that names what to add, not a pool failure.
     */
    public static void requireDriver(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new ManagerException(ErrorCode.InvalidConfig,
                    ConfigKey.DB_URL.key() + " must be a JDBC URL (jdbc:<database>:…)", Map.of("key", ConfigKey.DB_URL.key()));
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ManagerException(ErrorCode.InvalidConfig, missingDriverMessage(url),
                    Map.of("key", ConfigKey.DB_URL.key(), "scheme", scheme(url)));
        }
    }

    /** What to tell a host whose class path has no driver for {@code url}; names only the URL's scheme. */
    static String missingDriverMessage(String url) {
        String scheme = scheme(url);
        String advice = switch (scheme) {
            case "jdbc:h2:" -> "add com.h2database:h2 (manager-core brings it unless it was excluded)";
            case "jdbc:postgresql:" -> "add org.postgresql:postgresql (an optional dependency of manager-core; "
                    + "its version is in manager-bom)";
            default -> "add that database's JDBC driver to the application";
        };
        return "No JDBC driver on the class path accepts " + ConfigKey.DB_URL.key() + " (" + scheme + "…): " + advice
                + ", or set " + ConfigKey.DB_URL.key() + " to a database whose driver is present";
    }

    /** {@code jdbc:<name>:}, the part of a JDBC URL that carries no host, database or credentials. */
    private static String scheme(String url) {
        int end = url.indexOf(':', "jdbc:".length());
        return end < 0 ? "jdbc:" : url.substring(0, end + 1);
    }

    /**
     * Connects and reports the database and the state of the manager's schema; changes nothing. A database
     * that cannot be reached fails with {@code DatabaseUnavailable} naming the driver's reason.
     */
    public static DatabaseStatus status(DataSource dataSource) {
        String product;
        String version;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            product = metaData.getDatabaseProductName();
            version = metaData.getDatabaseProductVersion();
        } catch (SQLException | RuntimeException e) {
            throw new ManagerException(ErrorCode.DatabaseUnavailable, "Cannot connect to the database: " + rootMessage(e),
                    Map.of(OPERATION, "connect"), e);
        }
        try {
            MigrationInfoService info = flyway(dataSource).info();
            MigrationInfo current = info.current();
            return new DatabaseStatus(product, version, current == null ? null : current.getVersion().getVersion(),
                    info.pending().length);
        } catch (RuntimeException e) {
            throw new ManagerException(ErrorCode.DatabaseUnavailable,
                    "Cannot read the migration state of the database: " + rootMessage(e), Map.of(), e);
        }
    }

    /** The message of the innermost cause, which names what actually went wrong (refused, unknown host, …). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .loggers(FlywayLogs.class.getName())
                .load();
    }

    /** Applies pending migrations; a failure leaves the database as Flyway left it and is reported. */
    public static void migrate(DataSource dataSource) {
        try {
            MigrateResult result = flyway(dataSource).migrate();
            // Flyway reports no target version when nothing was applied: the schema is then at the initial one.
            String version = result.migrationsExecuted > 0 ? result.targetSchemaVersion : result.initialSchemaVersion;
            if (result.migrationsExecuted > 0) {
                LOG.info("Database schema at version {} ({} migrations applied now)", version, result.migrationsExecuted);
            } else {
                LOG.info("Database schema at version {} (up to date)", version);
            }
        } catch (RuntimeException e) {
            throw new ManagerException(ErrorCode.DatabaseUnavailable, "Cannot migrate the database: " + e.getMessage(),
                    Map.of(OPERATION, "migrate"), e);
        }
    }
}
