package io.pipelinemanager.core.internal.config;

import io.pipelinemanager.core.api.CheckpointStorage;
import io.pipelinemanager.core.api.OutOfMemoryAction;
import io.pipelinemanager.core.internal.config.SettingConverters.ConnectTimeout;
import io.pipelinemanager.core.internal.config.SettingConverters.Count;
import io.pipelinemanager.core.internal.config.SettingConverters.Millis;
import io.pipelinemanager.core.internal.config.SettingConverters.Positive;
import io.pipelinemanager.core.internal.config.SettingConverters.PositiveLong;
import io.pipelinemanager.core.internal.config.SettingConverters.PositiveDuration;
import io.pipelinemanager.core.internal.config.SettingConverters.PositiveMillis;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/**
 * The manager's configuration as typed values: a SmallRye Config mapping of the {@code pm.*} keys of
 * {@link ConfigKey} (names derive from the methods in kebab case, {@code -ms} keys read as a
 * {@link Duration}). The converters enforce each key's {@link ConfigKey#expected() form}; defaults
 * come from {@link ConfigKey}. Built by {@link ManagerConfig#load}.
 */
@ConfigMapping(prefix = "pm")
public interface ManagerSettings {

    /** {@code pm.db.*}: the manager's own connection pool (unused with a host data source) and retries. */
    Db db();

    /** {@code pm.instance-id}; empty: generated at start. */
    Optional<String> instanceId();

    /** {@code pm.background-work}. */
    boolean backgroundWork();

    /** {@code pm.compiler.*}. */
    Compiler compiler();

    /** {@code pm.on-out-of-memory}. */
    OutOfMemoryAction onOutOfMemory();

    /** {@code pm.runner.*}. */
    Runner runner();

    /** {@code pm.lease.*}. */
    Lease lease();

    /** {@code pm.ingress.*}. */
    Ingress ingress();

    /** {@code pm.query.*}. */
    Query query();

    /** {@code pm.egress.*}. */
    Egress egress();

    /** {@code pm.auth.*}: how the adapters authenticate callers (read into {@code SecuritySettings}, which checks them). */
    Auth auth();
    /** {@code pm.audit.*}. */
    Audit audit();

    /** {@code pm.checkpoint.*}. */
    Checkpoint checkpoint();

    /** {@code pm.db.*}. */
    interface Db {
        String url();

        Optional<String> user();

        Optional<String> password();

        @WithConverter(Positive.class)
        int poolSize();

        @WithName("connect-timeout-ms")
        @WithConverter(ConnectTimeout.class)
        Duration connectTimeout();

        boolean migrate();

        @WithConverter(Positive.class)
        int retryAttempts();

        @WithName("retry-backoff-ms")
        @WithConverter(Millis.class)
        Duration retryBackoff();

        @WithName("notify")
        boolean notifyOtherInstances();
    }

    /** {@code pm.compiler.*}. */
    interface Compiler {
        @WithName("poll-interval-ms")
        @WithConverter(PositiveMillis.class)
        Duration pollInterval();

        @WithConverter(Positive.class)
        int cacheSize();

        @WithConverter(Positive.class)
        int threads();

        @WithConverter(Count.class)
        int queueSize();

        @WithName("timeout-ms")
        @WithConverter(PositiveMillis.class)
        Duration timeout();

        @WithConverter(Positive.class)
        int maxStatements();

        @WithConverter(Positive.class)
        int maxNesting();
    }

    /** {@code pm.runner.*}. */
    interface Runner {
        @WithName("reconcile-interval-ms")
        @WithConverter(PositiveMillis.class)
        Duration reconcileInterval();

        @WithConverter(Positive.class)
        int maxPipelines();

        /** 0: one per available processor. */
        @WithConverter(Count.class)
        int stepThreads();

        @WithName("clock-tick-ms")
        @WithConverter(PositiveMillis.class)
        Duration clockTick();
    }

    /** {@code pm.lease.*}. */
    interface Lease {
        @WithName("ttl-ms")
        @WithConverter(PositiveMillis.class)
        Duration ttl();
    }

    /** {@code pm.ingress.*}. */
    interface Ingress {
        @WithConverter(PositiveLong.class)
        long maxRequestBytes();

        @WithConverter(PositiveLong.class)
        long maxBufferedBytes();
    }

    /** {@code pm.query.*}. */
    interface Query {
        @WithConverter(PositiveLong.class)
        long maxRows();

        @WithConverter(PositiveLong.class)
        long maxStateBytes();
    }

    /** {@code pm.egress.*}. */
    interface Egress {
        @WithConverter(Positive.class)
        int queueSteps();

        @WithConverter(PositiveLong.class)
        long queueBytes();

        @WithName("max-subscriptions-per-pipeline")
        @WithConverter(Positive.class)
        int maxSubscriptionsPerPipeline();

        @WithName("max-subscriptions")
        @WithConverter(Positive.class)
        int maxSubscriptions();

        @WithName("keepalive-ms")
        @WithConverter(PositiveMillis.class)
        Duration keepAlive();
    }

    /** {@code pm.auth.*}; an empty value stays empty (SecuritySettings refuses what must not be). */
    interface Auth {
        Optional<String> mode();

        Jwt jwt();

        /** {@code pm.auth.jwt.*}. */
        interface Jwt {
            Optional<String> tenantClaim();

            Roles roles();

            Optional<String> issuer();

            Optional<String> jwksUrl();

            Optional<String> audiences();

            /** {@code pm.auth.jwt.roles.*}: comma-separated groups per role. */
            interface Roles {
                Optional<String> viewer();

                Optional<String> editor();

                Optional<String> admin();
            }
        }
    }

    /** {@code pm.audit.*}. */
    interface Audit {
        @WithConverter(PositiveDuration.class)
        Duration retention();
    }

    /** {@code pm.checkpoint.*}: where pipelines keep checkpoints and input journals. */
    interface Checkpoint {
        CheckpointStorage store();

        /** As configured; {@code ~/} is resolved by the store factory. */
        String directory();

        @WithConverter(PositiveLong.class)
        long journalMaxBytes();
    }
}
