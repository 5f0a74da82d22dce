package io.pipelinemanager.core.config;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ManagerConfig config = ManagerConfig.load(null, Map.of(), Map.of());
        assertThat(config.string(ConfigKey.DB_URL)).startsWith("jdbc:h2:file:");
        assertThat(config.integer(ConfigKey.DB_POOL_SIZE)).isEqualTo(10);
        assertThat(config.bool(ConfigKey.DB_MIGRATE)).isTrue();
    }

    @Test
    void layersOverrideInOrderFileEnvBuilder() throws IOException {
        Path file = dir.resolve("pm.properties");
        Files.writeString(file, "pm.db.url=jdbc:file\npm.db.user=file-user\npm.db.pool-size=3\n");
        ManagerConfig config = ManagerConfig.load(file,
                Map.of("PM_DB_USER", "env-user", "PM_DB_POOL_SIZE", "4"),
                Map.of("pm.db.pool-size", "5"));
        assertThat(config.string(ConfigKey.DB_URL)).isEqualTo("jdbc:file");
        assertThat(config.string(ConfigKey.DB_USER)).isEqualTo("env-user");
        assertThat(config.integer(ConfigKey.DB_POOL_SIZE)).isEqualTo(5);
    }

    @Test
    void unknownKeysAreRejectedInEveryLayer() throws IOException {
        Path file = dir.resolve("pm.properties");
        Files.writeString(file, "pm.db.ulr=typo\nother.key=ignored\n");
        assertThatThrownBy(() -> ManagerConfig.load(file, Map.of("PM_DB_PASWORD", "x"), Map.of("pm.nope", "1")))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.db.ulr", "PM_DB_PASWORD", "pm.nope").doesNotContain("other.key");
                });
    }

    @Test
    void testHarnessVariablesAreNotConfiguration() {
        ManagerConfig config = ManagerConfig.load(null, Map.of("PM_TEST_PG_URL", "jdbc:x", "PM_REQUIRE_PG", "1"), Map.of());
        assertThat(config.string(ConfigKey.DB_USER)).isEqualTo("sa");
    }

    @Test
    void theOneCommandServersVariablesAreNotConfiguration() {
        // The server's JVM inherits them from the shell that ran mvn -Prun: they must not stop the manager.
        ManagerConfig config = ManagerConfig.load(null,
                Map.of("PM_HTTP_PORT", "8181", "PM_BIND_ADDRESS", "0.0.0.0", "PM_JAVA_OPTS", "-Xmx1g"), Map.of());
        assertThat(config.string(ConfigKey.DB_USER)).isEqualTo("sa");
        assertThatThrownBy(() -> ManagerConfig.load(null, Map.of("PM_HTTP_PORTS", "8181"), Map.of()))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
    }

    @Test
    void wronglyTypedValuesAreRejectedAtLoad() {
        assertThatThrownBy(() -> ManagerConfig.load(null, Map.of("PM_DB_MIGRATE", "yes"), Map.of()))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.getMessage()).contains("pm.db.migrate"));
        assertThatThrownBy(() -> ManagerConfig.load(null, Map.of(), Map.of("pm.db.pool-size", "ten")))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
    }

    @Test
    void envNamesDeriveFromKeys() {
        assertThat(ConfigKey.DB_CONNECT_TIMEOUT_MS.envName()).isEqualTo("PM_DB_CONNECT_TIMEOUT_MS");
        assertThat(ConfigKey.byEnvName("PM_DB_URL")).contains(ConfigKey.DB_URL);
    }
}
