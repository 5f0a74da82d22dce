package io.pipelinemanager.core.config;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.OutOfMemoryAction;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerConfig;
import io.pipelinemanager.core.internal.config.ManagerConfig.Layers;
import io.pipelinemanager.core.internal.config.ManagerSettings;
import io.pipelinemanager.core.testing.LogCapture;
import io.smallrye.config.ConfigMappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of()));
        assertThat(settings.db().url()).startsWith("jdbc:h2:file:");
        assertThat(settings.db().user()).contains("sa");
        assertThat(settings.db().password()).isEmpty();
        assertThat(settings.db().poolSize()).isEqualTo(10);
        assertThat(settings.db().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.db().migrate()).isTrue();
        assertThat(settings.instanceId()).isEmpty();
        assertThat(settings.onOutOfMemory()).isEqualTo(OutOfMemoryAction.STOP_PIPELINES);
        assertThat(settings.ingress().maxRequestBytes()).isEqualTo(64L << 20);
        assertThat(settings.egress().keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.audit().retention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void theAuditRetentionIsAnIsoDuration() {
        assertThat(ManagerConfig.load(Layers.explicit(Map.of("pm.audit.retention", "PT12H"))).audit().retention())
                .isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theMappingAndTheKeyTableListTheSameKeys() {
        assertThat(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(ManagerSettings.class, "pm")).keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
    }

    @Test
    void everyDefaultHasItsExpectedForm() {
        // Each default goes through its key's converter: a default that broke its own rule would fail here.
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of()));
        assertThat(settings.compiler().timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void layersOverrideInOrderFileEnvironmentSystemPropertiesBuilder() throws IOException {
        Path file = dir.resolve("pm.properties");
        Files.writeString(file, "pm.db.url=jdbc:file\npm.db.user=file-user\npm.db.pool-size=3\npm.compiler.threads=2\n");
        ManagerSettings settings = ManagerConfig.load(new Layers(file.toString(), ManagerConfig.readFile(file),
                Map.of("PM_DB_USER", "env-user", "PM_DB_POOL_SIZE", "4", "PM_COMPILER_THREADS", "5"),
                Map.of("pm.db.pool-size", "6", "pm.compiler.threads", "7"),
                Map.of("pm.compiler.threads", "8")));
        assertThat(settings.db().url()).isEqualTo("jdbc:file");
        assertThat(settings.db().user()).contains("env-user");
        assertThat(settings.db().poolSize()).isEqualTo(6);
        assertThat(settings.compiler().threads()).isEqualTo(8);
    }

    @Test
    void unknownKeysGivenExplicitlyAreRefusedNamingThem() throws IOException {
        Path file = dir.resolve("pm.properties");
        Files.writeString(file, "pm.db.ulr=typo\nother.key=left alone\n");
        assertThatThrownBy(() -> ManagerConfig.load(new Layers(file.toString(), ManagerConfig.readFile(file), null, null,
                Map.of("pm.nope", "1", "db.url", "x"))))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.db.ulr", "pm.nope", "db.url", file.toString())
                            .doesNotContain("other.key");
                });
    }

    @Test
    void unknownVariablesAndPropertiesOfTheProcessAreIgnoredWithAWarningForNearMisses() {
        try (LogCapture log = LogCapture.stderr()) {
            ManagerSettings settings = ManagerConfig.load(new Layers(null, Map.of(),
                    Map.of("PM_DB_PASWORD", "x", "PM_HTTP_PORT", "8181", "PM_TEST_PG_URL", "jdbc:x", "PM_DB_USER", "env-user"),
                    Map.of("pm.model.seed", "42", "pm.db.pool-size", "2", "pm.compiler.thread", "3"), Map.of()));
            assertThat(settings.db().user()).contains("env-user");
            assertThat(settings.db().poolSize()).isEqualTo(2);
            assertThat(settings.db().password()).isEmpty();
            assertThat(settings.compiler().threads()).isEqualTo(1);
            assertThat(log.aboveInfo()).hasSize(2)
                    .anyMatch(l -> l.contains("PM_DB_PASWORD") && l.contains("did you mean PM_DB_PASSWORD?"))
                    .anyMatch(l -> l.contains("pm.compiler.thread ") && l.contains("did you mean pm.compiler.threads?"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pm.db.pool-size             | ten    | an integer of at least 1",
        "pm.db.pool-size             | 0      | an integer of at least 1",
        "pm.db.migrate               | yes    | true or false",
        "pm.db.connect-timeout-ms    | 100    | milliseconds, at least 250",
        "pm.compiler.queue-size      | -1     | an integer of at least 0",
        "pm.compiler.timeout-ms      | 1.5    | milliseconds, at least 1",
        "pm.egress.queue-bytes       | 0      | a number of bytes of at least 1",
        "pm.runner.max-pipelines     | 3000000000 | an integer of at least 1",
        "pm.on-out-of-memory         | panic  | stop-pipelines or exit",
        "pm.egress.max-subscriptions | 2x     | an integer of at least 1",
        "pm.audit.retention          | P3M    | an ISO-8601 duration in days, hours, minutes or seconds of at least 1 second, e.g. P90D or PT12H",
        "pm.audit.retention          | 90     | an ISO-8601 duration in days, hours, minutes or seconds of at least 1 second, e.g. P90D or PT12H",
        "pm.audit.retention          | PT0S   | an ISO-8601 duration in days, hours, minutes or seconds of at least 1 second, e.g. P90D or PT12H",
        "pm.audit.retention          | -P1D   | an ISO-8601 duration in days, hours, minutes or seconds of at least 1 second, e.g. P90D or PT12H",
    })
    void aBadValueIsRefusedNamingKeyValueAndExpectedForm(String key, String value, String expected) {
        assertThatThrownBy(() -> ManagerConfig.load(Layers.explicit(Map.of(key, value))))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains(key, "'" + value + "'", expected);
                    assertThat(e.details()).containsEntry("key", key).containsEntry("value", value)
                            .containsEntry("expected", expected).containsEntry("source", "builder");
                });
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> ManagerConfig.load(new Layers(null, Map.of(), Map.of("PM_DB_MIGRATE", "yes"), null, Map.of())))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.getMessage()).contains("pm.db.migrate", "'yes'", "environment variable PM_DB_MIGRATE");
                    assertThat(e.details()).containsEntry("source", "environment variable PM_DB_MIGRATE");
                });
    }

    @Test
    void severalBadValuesAreAllNamed() {
        assertThatThrownBy(() -> ManagerConfig.load(Layers.explicit(Map.of("pm.db.pool-size", "0", "pm.lease.ttl-ms", "soon"))))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.getMessage()).contains("pm.db.pool-size", "pm.lease.ttl-ms");
                    assertThat(e.details().get("invalid_keys")).asList()
                            .containsExactlyInAnyOrder("pm.db.pool-size", "pm.lease.ttl-ms");
                });
    }

    @Test
    void valuesAreTrimmedAndBooleansAndActionsIgnoreCase() {
        ManagerSettings settings = ManagerConfig.load(Layers.explicit(Map.of("pm.db.pool-size", " 7 ",
                "pm.background-work", "FALSE", "pm.on-out-of-memory", "exit")));
        assertThat(settings.db().poolSize()).isEqualTo(7);
        assertThat(settings.backgroundWork()).isFalse();
        assertThat(settings.onOutOfMemory()).isEqualTo(OutOfMemoryAction.EXIT);
    }

    @Test
    void anUnreadableFileIsInvalidConfig() {
        assertThatThrownBy(() -> ManagerConfig.readFile(dir.resolve("missing.properties")))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig));
    }

    @Test
    void envNamesDeriveFromKeys() {
        assertThat(ConfigKey.DB_CONNECT_TIMEOUT_MS.envName()).isEqualTo("PM_DB_CONNECT_TIMEOUT_MS");
        assertThat(ConfigKey.byEnvName("PM_DB_URL")).contains(ConfigKey.DB_URL);
    }
}
