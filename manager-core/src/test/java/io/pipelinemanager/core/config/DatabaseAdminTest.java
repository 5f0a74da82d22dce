package io.pipelinemanager.core.config;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DatabaseStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder's database operations without a manager: probe and migrate, as the CLI uses them. */
class DatabaseAdminTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Test
    void probeReportsAnUnmigratedDatabaseThenMigrateBringsItUpToDate() {
        DatabaseStatus before = PipelineManager.builder().environment(Map.of()).property("pm.db.url", url()).probeDatabase();
        assertThat(before.databaseProduct()).isEqualTo("H2");
        assertThat(before.databaseVersion()).startsWith("2.");
        assertThat(before.schemaVersion()).isNull();
        assertThat(before.pendingMigrations()).isPositive();
        assertThat(before.schemaUpToDate()).isFalse();

        DatabaseStatus after = PipelineManager.builder().environment(Map.of()).property("pm.db.url", url()).migrateDatabase();
        assertThat(after.pendingMigrations()).isZero();
        assertThat(after.schemaVersion()).isNotNull();
        assertThat(after.schemaUpToDate()).isTrue();
        assertThat(PipelineManager.builder().environment(Map.of()).property("pm.db.url", url()).probeDatabase())
                .isEqualTo(after);
    }

    @Test
    void probeOfAnUnreachableDatabaseIsDatabaseUnavailableWithTheDriversReason() {
        assertThatThrownBy(() -> PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", "jdbc:h2:file:" + dir.resolve("db") + ";IFEXISTS=TRUE")
                .property("pm.db.connect-timeout-ms", "250")
                .probeDatabase())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DatabaseUnavailable);
                    assertThat(e.getMessage()).startsWith("Cannot connect to the database: ").contains("not found");
                });
    }

    @Test
    void migrationOfAForeignSchemaFailsAndChangesNothing() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            c.createStatement().execute("CREATE TABLE somebody_elses (id INT)");
        }
        assertThatThrownBy(() -> PipelineManager.builder().environment(Map.of()).property("pm.db.url", url()).migrateDatabase())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DatabaseUnavailable);
                    assertThat(e.getMessage()).startsWith("Cannot migrate the database");
                });
        assertThat(PipelineManager.builder().environment(Map.of()).property("pm.db.url", url()).probeDatabase().schemaVersion())
                .isNull();
    }

    @Test
    void valuesOfAFileTheHostReadAreTheFileLayerBelowEnvironmentAndProperties() {
        // The file layer's URL would fail (no such database); the environment's wins, and the property beats both.
        DatabaseStatus status = PipelineManager.builder()
                .configFile("manager.yaml", Map.of("pm.db.url", "jdbc:h2:file:" + dir.resolve("nope") + ";IFEXISTS=TRUE",
                        "pm.db.user", "sa"))
                .environment(Map.of("PM_DB_URL", url()))
                .probeDatabase();
        assertThat(status.databaseProduct()).isEqualTo("H2");
        assertThatThrownBy(() -> PipelineManager.builder().configFile("manager.yaml", Map.of("pm.db.ulr", "typo")).environment(Map.of())
                .probeDatabase())
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
    }
}
