package io.pipelinemanager.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, empty databases for tests. H2 runs in memory. PostgreSQL comes from {@code PM_TEST_PG_URL}
 * (a database on a running server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres});
 * without it an embedded PostgreSQL is started once per JVM. With {@code PM_REQUIRE_PG=1} a database
 * that cannot be reached fails the test instead of skipping it.
 */
public final class TestDatabases {

    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** A new in-memory H2 database in PostgreSQL mode. */
    public static String h2Url() {
        return "jdbc:h2:mem:pm-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Whether a missing PostgreSQL must fail the run. */
    public static boolean postgresRequired() {
        return "1".equals(System.getenv("PM_REQUIRE_PG")) || "true".equalsIgnoreCase(System.getenv("PM_REQUIRE_PG"));
    }

    /** A JDBC URL (user included) of a new, empty PostgreSQL database. */
    public static synchronized String newPostgresDatabase() throws SQLException, IOException {
        String serverUrl = System.getenv("PM_TEST_PG_URL");
        if (serverUrl == null || serverUrl.isBlank()) {
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
     * A new PostgreSQL database, or — when none can be reached — a failed test if {@code PM_REQUIRE_PG}
     * is set (CI), else a skipped one.
     */
    public static String newPostgresDatabaseOrSkip() {
        try {
            return newPostgresDatabase();
        } catch (Exception e) {
            if (postgresRequired()) {
                Assertions.fail("PM_REQUIRE_PG is set but PostgreSQL is unavailable: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL unavailable (set PM_TEST_PG_URL): " + e.getMessage());
            return null;
        }
    }

    /** Drops a database made by {@link #newPostgresDatabase()}. */
    public static void dropPostgresDatabase(String url) throws SQLException {
        String name = URI.create(url.substring("jdbc:".length())).getPath().substring(1);
        String serverUrl = withDatabase(url, "postgres");
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The same server URL with another database name. */
    static String withDatabase(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String authority = uri.getRawAuthority();
        return "jdbc:" + uri.getScheme() + "://" + authority + "/" + database + query;
    }
}
