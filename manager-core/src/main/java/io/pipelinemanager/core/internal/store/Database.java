package io.pipelinemanager.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Map;

/** Connection pool and schema migrations for the manager's database. */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Where the migrations of the {@code migrations} module live on the class path. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private Database() {
    }

    /** A HikariCP pool configured from {@code pm.db.*}. */
    public static HikariDataSource pool(ManagerConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("pipeline-manager");
        hikari.setJdbcUrl(config.string(ConfigKey.DB_URL));
        hikari.setUsername(config.string(ConfigKey.DB_USER));
        hikari.setPassword(config.string(ConfigKey.DB_PASSWORD));
        hikari.setMaximumPoolSize(config.integer(ConfigKey.DB_POOL_SIZE));
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(config.longValue(ConfigKey.DB_CONNECT_TIMEOUT_MS));
        hikari.setAutoCommit(true);
        // Fail at the first use rather than at build when the database is briefly down.
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /** Applies pending migrations; a failure leaves the database as Flyway left it and is reported. */
    public static void migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS_LOCATION)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            LOG.info("Database schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) {
            throw new ManagerException(ErrorCode.DatabaseUnavailable, "Cannot migrate the database: " + e.getMessage(),
                    Map.of(), e);
        }
    }
}
