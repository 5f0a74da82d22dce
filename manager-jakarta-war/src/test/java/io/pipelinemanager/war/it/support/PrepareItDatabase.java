package io.pipelinemanager.war.it.support;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.Role;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Run by Maven before the test servers start: gives the ITs a fresh database and writes its
 * connection to {@code target/it-db.properties} for the WildFly CLI script, with the bootstrap
 * administrator API key the ITs authenticate with ({@link ItCredentials}). With {@code PM_TEST_PG_URL}
 * it (re)creates the dedicated PostgreSQL database {@value #PG_DATABASE} on that server; without it,
 * it deletes the H2 files under {@code target/it-h2}. Either way every run starts empty; so does the
 * Open Liberty smoke test, whose H2 files under the Liberty server's output directory are deleted too.
 */
public final class PrepareItDatabase {

    /** The database the ITs own on the PostgreSQL server of {@code PM_TEST_PG_URL}. */
    public static final String PG_DATABASE = "pm_war_it";

    private PrepareItDatabase() {
    }

    /** {@code args[0]}: the build directory. */
    public static void main(String[] args) throws IOException, SQLException {
        Path target = Path.of(args[0]);
        String pgUrl = System.getenv("PM_TEST_PG_URL");
        deleteTree(target.resolve("wlp/usr/servers/defaultServer/h2"));
        Map<String, String> ds = pgUrl == null || pgUrl.isBlank() ? h2(target) : postgres(pgUrl);
        Properties properties = new Properties();
        properties.putAll(ds);
        properties.put(ItCredentials.ADMIN_KEY, bootstrapAdminKey(ds.get("pm.ds.url")));
        try (Writer out = Files.newBufferedWriter(target.resolve("it-db.properties"), StandardCharsets.UTF_8)) {
            properties.store(out, "Written by PrepareItDatabase for configure-server.cli and the ITs (ItCredentials)");
        }
        System.out.println("[it-database] " + ds.get("pm.ds.driver") + " " + ds.get("pm.ds.url"));
    }

    /**
     * Migrates the new database and creates the ITs' first administrator key of the default tenant in it, the way an
     * operator does before the server's first start; returns the key. No user is set, like the server's data source
     * (the PostgreSQL URL carries its credentials).
     */
    private static String bootstrapAdminKey(String url) {
        try (PipelineManager manager = PipelineManager.builder().databaseUrl(url).databaseUser("").backgroundWork(false)
                .build()) {
            return manager.bootstrapApiKey(Caller.DEFAULT_TENANT, new ApiKeySpec("it-admin", Role.ADMIN, null)).secret();
        }
    }

    private static Map<String, String> h2(Path target) throws IOException {
        Path dir = target.resolve("it-h2").toAbsolutePath();
        deleteTree(dir);
        return datasource("pm-h2", "jdbc:h2:file:" + dir.resolve("pm")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Map<String, String> postgres(String adminUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + PG_DATABASE);
        }
        // Same server and parameters (credentials included), the ITs' own database.
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return datasource("postgresql", "jdbc:postgresql://" + uri.getRawAuthority() + "/" + PG_DATABASE + query);
    }

    private static Map<String, String> datasource(String driver, String url) {
        return Map.of("pm.ds.driver", driver, "pm.ds.url", url);
    }
}
