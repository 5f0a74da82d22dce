package io.pipelinemanager.war.boot;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManagerLifecycleTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void theCoreGetsItsKeysButNotTheWarsOwn() {
        Config config = config(Map.of("pm.runner.max-pipelines", "3", "pm.server.datasource", "jdbc/Other",
                "pm.db.ulr", "typo", "mp.openapi.filter", "x"));
        assertThat(ManagerLifecycle.coreProperties(config, name -> null))
                .containsExactlyInAnyOrderEntriesOf(Map.of("pm.runner.max-pipelines", "3", "pm.db.ulr", "typo"));
    }

    @Test
    void keysSetByTheEnvironmentAreLeftToTheBuilder() {
        Config config = config(Map.of("pm.runner.max-pipelines", "3", "pm.lease.ttl-ms", "4000"));
        assertThat(ManagerLifecycle.coreProperties(config, name -> name.equals("PM_LEASE_TTL_MS") ? "5000" : null))
                .containsExactlyEntriesOf(Map.of("pm.runner.max-pipelines", "3"));
    }

    @Test
    void theWarKeepsPipelineStateInItsDatabaseUnlessConfiguredOtherwise() throws Exception {
        java.net.URL own = ManagerLifecycle.class.getResource("/META-INF/microprofile-config.properties");
        Config shipped = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(own, 100)).build();
        assertThat(ManagerLifecycle.coreProperties(shipped, name -> null)).containsEntry("pm.checkpoint.store", "database");
        assertThat(ManagerLifecycle.coreProperties(shipped, name -> name.equals("PM_CHECKPOINT_STORE") ? "directory" : null))
                .as("the environment wins").doesNotContainKey("pm.checkpoint.store");
        Config overridden = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(own, 100),
                new PropertiesConfigSource(Map.of("pm.checkpoint.store", "directory"), "server", 400)).build();
        assertThat(ManagerLifecycle.coreProperties(overridden, name -> null)).containsEntry("pm.checkpoint.store", "directory");
    }

    @Test
    void warKeysHaveTheirEnvironmentNames() {
        assertThat(WarConfigKey.SERVER_DATASOURCE.envName()).isEqualTo("PM_SERVER_DATASOURCE");
        assertThat(WarConfigKey.HTTP_CORS_ALLOWED_ORIGINS.envName()).isEqualTo("PM_HTTP_CORS_ALLOWED_ORIGINS");
        assertThat(WarConfigKey.names()).containsExactlyInAnyOrder(DataSources.JNDI_KEY, "pm.http.cors.allowed-origins");
    }
}
