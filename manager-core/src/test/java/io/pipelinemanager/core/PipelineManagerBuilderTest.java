package io.pipelinemanager.core;

import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.AuthMode;
import io.pipelinemanager.core.api.OutOfMemoryAction;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.internal.config.ManagerSettings;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The builder's configuration surface. The manager-core test JVM runs with {@code PM_COMPILER_CACHE_SIZE=77}
 * and {@code PM_UNRELATED_TO_THE_MANAGER} in its environment (surefire configuration), like a host whose
 * process carries variables of its own.
 */
class PipelineManagerBuilderTest {

    /** Methods that choose layers or collaborators rather than set one key. */
    private static final Set<String> NOT_SETTINGS = Set.of("property", "properties", "configFile", "environment",
            "systemProperties", "dataSource", "clock", "executor", "build", "probeDatabase", "migrateDatabase");

    @TempDir
    Path dir;

    @Test
    void anUnrelatedPmVariableInTheEnvironmentDoesNotStopTheHost() {
        assertThatCode(() -> {
            try (PipelineManager manager = PipelineManager.builder()
                    .environment(Map.of("PM_HOSTS_OWN_SETTING", "x", "PM_ALLOW_PG_SKIP", "1"))
                    .databaseUrl(TestDatabases.h2Url()).backgroundWork(false).build()) {
                assertThat(manager.health().isUp()).isTrue();
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void theProcessEnvironmentIsReadOnlyWhenAsked() {
        assertThat(System.getenv("PM_COMPILER_CACHE_SIZE")).as("set by the surefire configuration").isEqualTo("77");
        assertThat(System.getenv("PM_UNRELATED_TO_THE_MANAGER")).as("set by the surefire configuration").isNotNull();
        assertThat(PipelineManager.builder().settings().compiler().cacheSize()).isEqualTo(128);
        assertThat(PipelineManager.builder().environment().settings().compiler().cacheSize()).isEqualTo(77);
        assertThat(PipelineManager.builder().environment().compilerCacheSize(5).settings().compiler().cacheSize())
                .isEqualTo(5);
    }

    @Test
    void systemPropertiesAreReadOnlyWhenAsked() {
        System.setProperty("pm.compiler.max-nesting", "321");
        System.setProperty("pm.not-a-manager-key", "ignored");
        try {
            assertThat(PipelineManager.builder().settings().compiler().maxNesting()).isEqualTo(5000);
            assertThat(PipelineManager.builder().systemProperties().settings().compiler().maxNesting()).isEqualTo(321);
            assertThat(PipelineManager.builder().systemProperties().compilerMaxNesting(9).settings().compiler().maxNesting())
                    .isEqualTo(9);
        } finally {
            System.clearProperty("pm.compiler.max-nesting");
            System.clearProperty("pm.not-a-manager-key");
        }
    }

    @Test
    void everyKeyHasExactlyOneTypedMethod() throws Exception {
        Map<String, String> methodOfKey = new HashMap<>();
        for (Method method : PipelineManagerBuilder.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
                    || NOT_SETTINGS.contains(method.getName())) {
                continue;
            }
            assertThat(method.getParameterCount()).as(method.getName()).isEqualTo(1);
            PipelineManagerBuilder builder = PipelineManager.builder();
            method.invoke(builder, sample(method.getParameterTypes()[0]));
            assertThat(builder.explicitSettings()).as(method.getName() + " sets one key").hasSize(1);
            String key = builder.explicitSettings().keySet().iterator().next();
            assertThat(methodOfKey.put(key, method.getName())).as("second method for " + key).isNull();
        }
        assertThat(methodOfKey.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
    }

    private static Object sample(Class<?> type) {
        if (type == String.class) {
            return "x";
        } else if (type == int.class) {
            return 3;
        } else if (type == long.class) {
            return 3L;
        } else if (type == boolean.class) {
            return false;
        } else if (type == Duration.class) {
            return Duration.ofSeconds(3);
        } else if (type == OutOfMemoryAction.class) {
            return OutOfMemoryAction.EXIT;
        } else if (type == AuthMode.class) {
            return AuthMode.APIKEY;
        } else if (type == io.pipelinemanager.core.api.CheckpointStorage.class) {
            return io.pipelinemanager.core.api.CheckpointStorage.DATABASE;
        } else if (type == java.nio.file.Path.class) {
            return java.nio.file.Path.of("state");
        } else if (type == java.net.URI.class) {
            return java.net.URI.create("https://idp.example/jwks");
        } else if (type == java.util.Collection.class) {
            return List.of("a", "b");
        }
        throw new AssertionError("no sample for " + type);
    }

    @Test
    void checkpointMethodsReachTheSettings() {
        ManagerSettings.Checkpoint checkpoint = PipelineManager.builder()
                .checkpointStore(io.pipelinemanager.core.api.CheckpointStorage.DATABASE)
                .checkpointDirectory(java.nio.file.Path.of("state", "checkpoints")).journalMaxBytes(1 << 20)
                .settings().checkpoint();
        assertThat(checkpoint.store()).isEqualTo(io.pipelinemanager.core.api.CheckpointStorage.DATABASE);
        assertThat(java.nio.file.Path.of(checkpoint.directory())).isEqualTo(java.nio.file.Path.of("state", "checkpoints"));
        assertThat(checkpoint.journalMaxBytes()).isEqualTo(1 << 20);
    }

    @Test
    void authenticationMethodsReachTheSecuritySettings() {
        ManagerSettings.Auth auth = PipelineManager.builder().authMode(AuthMode.JWT).jwtTenantClaim("org")
                .jwtViewerGroups(List.of("readers", "auditors")).jwtEditorGroups(List.of()).jwtAdminGroups(List.of("root"))
                .jwtIssuer("https://idp.example").jwtJwksUrl(java.net.URI.create("https://idp.example/jwks"))
                .jwtAudiences(List.of("pm")).settings().auth();
        assertThat(auth.mode()).contains("jwt");
        assertThat(auth.jwt().tenantClaim()).contains("org");
        assertThat(auth.jwt().roles().viewer()).contains("readers,auditors");
        assertThat(auth.jwt().roles().editor()).isEmpty();
        assertThat(auth.jwt().roles().admin()).contains("root");
        assertThat(auth.jwt().issuer()).contains("https://idp.example");
        assertThat(auth.jwt().jwksUrl()).contains("https://idp.example/jwks");
        assertThat(auth.jwt().audiences()).contains("pm");
        ManagerSettings.Auth defaults = PipelineManager.builder().settings().auth();
        assertThat(defaults.mode()).contains("none");
        assertThat(defaults.jwt().tenantClaim()).contains("tenant");
        assertThat(defaults.jwt().roles().admin()).contains("admin");
        assertThat(defaults.jwt().issuer()).isEmpty();
    }

    @Test
    void typedMethodsReachTheTypedSettings() {
        ManagerSettings settings = PipelineManager.builder()
                .databaseUrl("jdbc:h2:mem:x").databaseUser("pm").databasePassword("secret").databasePoolSize(3)
                .databaseConnectTimeout(Duration.ofSeconds(2)).migrateAtStart(false).databaseRetryAttempts(5)
                .databaseRetryBackoff(Duration.ofMillis(50)).instanceId("node-1").backgroundWork(false)
                .compilerPollInterval(Duration.ofMillis(20)).compilerCacheSize(256).compilerThreads(2).compilerQueueSize(0)
                .compilerTimeout(Duration.ofSeconds(30)).compilerMaxStatements(100).compilerMaxNesting(50)
                .onOutOfMemory(OutOfMemoryAction.EXIT).reconcileInterval(Duration.ofMillis(30)).leaseTtl(Duration.ofSeconds(4))
                .maxPipelines(8).egressQueueSteps(16).egressQueueBytes(1L << 20).egressMaxSubscriptionsPerPipeline(4)
                .egressMaxSubscriptions(32).egressKeepAlive(Duration.ofSeconds(15)).ingressMaxRequestBytes(1L << 30)
                .ingressMaxBufferedBytes(5L << 30).queryMaxRows(10).queryMaxStateBytes(1L << 10)
                .auditRetention(Duration.ofDays(7))
                .settings();
        assertThat(settings.audit().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.db().url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(settings.db().user()).contains("pm");
        assertThat(settings.db().password()).contains("secret");
        assertThat(settings.db().poolSize()).isEqualTo(3);
        assertThat(settings.db().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.db().migrate()).isFalse();
        assertThat(settings.db().retryAttempts()).isEqualTo(5);
        assertThat(settings.db().retryBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.instanceId()).contains("node-1");
        assertThat(settings.backgroundWork()).isFalse();
        assertThat(settings.compiler().pollInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.compiler().cacheSize()).isEqualTo(256);
        assertThat(settings.compiler().threads()).isEqualTo(2);
        assertThat(settings.compiler().queueSize()).isZero();
        assertThat(settings.compiler().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.compiler().maxStatements()).isEqualTo(100);
        assertThat(settings.compiler().maxNesting()).isEqualTo(50);
        assertThat(settings.onOutOfMemory()).isEqualTo(OutOfMemoryAction.EXIT);
        assertThat(settings.runner().reconcileInterval()).isEqualTo(Duration.ofMillis(30));
        assertThat(settings.lease().ttl()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.runner().maxPipelines()).isEqualTo(8);
        assertThat(settings.egress().queueSteps()).isEqualTo(16);
        assertThat(settings.egress().queueBytes()).isEqualTo(1L << 20);
        assertThat(settings.egress().maxSubscriptionsPerPipeline()).isEqualTo(4);
        assertThat(settings.egress().maxSubscriptions()).isEqualTo(32);
        assertThat(settings.egress().keepAlive()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.ingress().maxRequestBytes()).isEqualTo(1L << 30);
        assertThat(settings.ingress().maxBufferedBytes()).isEqualTo(5L << 30);
        assertThat(settings.query().maxRows()).isEqualTo(10);
        assertThat(settings.query().maxStateBytes()).isEqualTo(1L << 10);
    }

    @Test
    void aBadTypedValueFailsTheBuildNamingTheKey() {
        assertThatThrownBy(() -> PipelineManager.builder().databasePoolSize(0).build())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.details()).containsEntry("key", "pm.db.pool-size").containsEntry("value", "0");
                });
        assertThatThrownBy(() -> PipelineManager.builder().egressKeepAlive(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(ManagerException.class,
                        e -> assertThat(e.details()).containsEntry("key", "pm.egress.keepalive-ms"));
    }

    @Test
    void anUnknownKeyGivenExplicitlyFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> PipelineManager.builder().property("pm.db.ulr", "jdbc:h2:mem:x").build())
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidConfig);
                    assertThat(e.getMessage()).contains("pm.db.ulr");
                });
        assertThatThrownBy(() -> PipelineManager.builder().properties(Map.of("pm.compiler.cache-sise", "5")).build())
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.getMessage()).contains("pm.compiler.cache-sise"));
    }

    @Test
    void aConfigFileIsALayerBelowTheEnvironmentAndTheMethods() throws Exception {
        Path file = dir.resolve("manager.properties");
        Files.writeString(file, "pm.compiler.threads=2\npm.compiler.queue-size=9\npm.compiler.cache-size=11\n");
        ManagerSettings settings = PipelineManager.builder().configFile(file)
                .environment(Map.of("PM_COMPILER_QUEUE_SIZE", "8", "PM_COMPILER_CACHE_SIZE", "12")).compilerCacheSize(13)
                .settings();
        assertThat(settings.compiler().threads()).isEqualTo(2);
        assertThat(settings.compiler().queueSize()).isEqualTo(8);
        assertThat(settings.compiler().cacheSize()).isEqualTo(13);

        // A file the host parsed itself (e.g. YAML): same layer, named in errors.
        assertThatThrownBy(() -> PipelineManager.builder().configFile("manager.yaml", Map.of("pm.compiler.threds", "2"))
                .settings())
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.getMessage()).contains("pm.compiler.threds", "manager.yaml"));
        assertThatThrownBy(() -> PipelineManager.builder().configFile("manager.yaml", Map.of("pm.compiler.threads", "0"))
                .settings())
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.details()).containsEntry("source", "file manager.yaml"));
    }

    @Test
    void stepLoopsRunOnAPlainExecutorOfTheHost() {
        // Only execute is needed: a lambda that starts a named thread per task will do.
        AtomicInteger tasks = new AtomicInteger();
        Executor host = task -> {
            tasks.incrementAndGet();
            Thread thread = new Thread(task, "host-thread");
            thread.setDaemon(true);
            thread.start();
        };
        Caller caller = Caller.unauthenticated();
        try (PipelineManager manager = PipelineManager.builder().databaseUrl(TestDatabases.h2Url()).executor(host)
                .compilerPollInterval(Duration.ofMillis(20)).reconcileInterval(Duration.ofMillis(20)).build()) {
            manager.createProgram(caller, new ProgramSpec("shop", "", "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT x FROM t;"));
            manager.createPipeline(caller, new PipelineSpec("shop-1", "", "shop", null));
            manager.startPipeline(caller, "shop-1");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> manager.getPipeline(caller, "shop-1").status() == PipelineStatus.RUNNING);
            assertThat(tasks.get()).as("step loops submitted to the host's executor").isPositive();
        }
    }
}
