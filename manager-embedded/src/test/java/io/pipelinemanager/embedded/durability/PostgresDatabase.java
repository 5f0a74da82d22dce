package io.pipelinemanager.embedded.durability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run, dropped by {@link #close()}: on the server of {@code PM_TEST_PG_URL}
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), or without it on an embedded server
 * started once per JVM — as manager-core's PostgreSQL tests do. A database that cannot be had fails the test, unless
 * skipping was asked for ({@code -Dpm.test.allow-pg-skip=true} or {@code PM_ALLOW_PG_SKIP=1}).
 */
final class PostgresDatabase implements AutoCloseable {

    private static EmbeddedPostgres embedded;

    private final String serverUrl;
    private final String name;

    private PostgresDatabase(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    /** Creates the database (or fails, or skips when that was allowed). */
    static synchronized PostgresDatabase create() {
        String server = System.getenv("PM_TEST_PG_URL");
        try {
            if (server == null || server.isBlank()) {
                if (embedded == null) {
                    embedded = EmbeddedPostgres.builder().start();
                }
                server = embedded.getJdbcUrl("postgres", "postgres");
            }
            String name = "pm_durability_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new PostgresDatabase(server, name);
        } catch (Exception e) {
            String why = "PostgreSQL is unavailable: " + e.getMessage();
            String env = System.getenv("PM_ALLOW_PG_SKIP");
            if (Boolean.getBoolean("pm.test.allow-pg-skip") || "1".equals(env) || "true".equalsIgnoreCase(env)) {
                Assumptions.abort(why + " — skipped because pm.test.allow-pg-skip / PM_ALLOW_PG_SKIP allows it");
            }
            return Assertions.fail(why + ". Set PM_TEST_PG_URL to a reachable server, or allow skipping with "
                    + "-Dpm.test.allow-pg-skip=true or PM_ALLOW_PG_SKIP=1", e);
        }
    }

    /** The JDBC URL of the database (user and password as URL parameters, as the server URL has them). */
    String url() {
        return withDatabase(serverUrl, name);
    }

    private static String withDatabase(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
