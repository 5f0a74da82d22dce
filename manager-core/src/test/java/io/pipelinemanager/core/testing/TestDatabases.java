package io.pipelinemanager.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Fresh, empty databases for tests. H2 runs in memory. PostgreSQL comes from {@code PM_TEST_PG_URL}
 * (a database on a running server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres});
 * without it an embedded PostgreSQL is started once per JVM. A PostgreSQL test never passes by
 * skipping silently: a database that cannot be had fails the test, unless skipping was explicitly
 * allowed ({@value #ALLOW_SKIP_PROPERTY}{@code =true} or {@value #ALLOW_SKIP_ENV}{@code =1}).
 */
public final class TestDatabases {

    /** The system property that lets PostgreSQL tests skip when no PostgreSQL can be had. */
    public static final String ALLOW_SKIP_PROPERTY = "pm.test.allow-pg-skip";
    /** The environment variable that does the same. */
    public static final String ALLOW_SKIP_ENV = "PM_ALLOW_PG_SKIP";

    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** A new in-memory H2 database in PostgreSQL mode. */
    public static String h2Url() {
        return "jdbc:h2:mem:pm-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Whether PostgreSQL tests may skip (rather than fail) when no PostgreSQL can be had. */
    public static boolean postgresSkipAllowed() {
        String env = System.getenv(ALLOW_SKIP_ENV);
        return Boolean.getBoolean(ALLOW_SKIP_PROPERTY) || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /** A JDBC URL (user included) of a new, empty PostgreSQL database. */
    public static synchronized String newPostgresDatabase() throws SQLException, IOException {
        String serverUrl = System.getenv("PM_TEST_PG_URL");
        if (blank(serverUrl)) {
            if (embedded == null) {
                embedded = EmbeddedPostgres.builder().start();
            }
            serverUrl = embedded.getJdbcUrl("postgres", "postgres");
        }
        String name = "pm_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return withDatabase(serverUrl, name);
    }

    /**
     * A new PostgreSQL database for a test; when none can be had (the server of {@code PM_TEST_PG_URL}
     * is down, or the embedded one cannot start) the test fails — or is skipped, if that was
     * explicitly allowed ({@link #postgresSkipAllowed()}).
     */
    public static String requirePostgresDatabase() {
        return requirePostgresDatabase(TestDatabases::newPostgresDatabase, postgresSkipAllowed());
    }

    /** {@link #requirePostgresDatabase()} with the database source and the skip permission given. */
    static String requirePostgresDatabase(Callable<String> newDatabase, boolean skipAllowed) {
        try {
            return newDatabase.call();
        } catch (Exception e) {
            String why = "PostgreSQL is unavailable (" + (blank(System.getenv("PM_TEST_PG_URL"))
                    ? "embedded server" : "PM_TEST_PG_URL") + "): " + e.getMessage();
            if (skipAllowed) {
                Assumptions.abort(why + " — skipped because " + ALLOW_SKIP_PROPERTY + "/" + ALLOW_SKIP_ENV + " allows it");
            }
            Assertions.fail(why + ". Set PM_TEST_PG_URL to a reachable server, or allow skipping with -D"
                    + ALLOW_SKIP_PROPERTY + "=true or " + ALLOW_SKIP_ENV + "=1", e);
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The name of the database of a PostgreSQL JDBC URL. */
    public static String databaseName(String url) {
        return URI.create(url.substring("jdbc:".length())).getPath().substring(1);
    }

    /**
     * Lets new connections into the database of {@code url} or refuses them all (superusers too;
     * connections already open stay), as when the database is briefly unreachable for new connections.
     */
    public static void allowConnections(String url, boolean allow) throws SQLException {
        try (Connection c = DriverManager.getConnection(withDatabase(url, "postgres")); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + databaseName(url) + " ALLOW_CONNECTIONS " + allow);
        }
    }

    /** Ends the sessions of the database of {@code url} whose application name is {@code applicationName}; returns how many. */
    public static int terminateSessions(String url, String applicationName) throws SQLException {
        try (Connection c = DriverManager.getConnection(withDatabase(url, "postgres"));
             PreparedStatement s = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = ? AND application_name = ?")) {
            s.setString(1, databaseName(url));
            s.setString(2, applicationName);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Drops a database made by {@link #newPostgresDatabase()}. */
    public static void dropPostgresDatabase(String url) throws SQLException {
        String name = databaseName(url);
        String serverUrl = withDatabase(url, "postgres");
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The same server URL with another database name. */
    public static String withDatabase(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String authority = uri.getRawAuthority();
        return "jdbc:" + uri.getScheme() + "://" + authority + "/" + database + query;
    }
}
