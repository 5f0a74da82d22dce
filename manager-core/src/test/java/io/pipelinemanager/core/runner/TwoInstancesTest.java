package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.SQL;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two manager instances on one PostgreSQL database: each program version is compiled once, each
 * pipeline runs on exactly one instance, and when that instance goes away the other takes over.
 */
class TwoInstancesTest {

    private String url;
    private PipelineManager a;
    private PipelineManager b;

    @BeforeEach
    void open() {
        url = TestDatabases.requirePostgresDatabase();
        a = instance("a");
        b = instance("b");
    }

    @AfterEach
    void close() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (url != null) {
            TestDatabases.dropPostgresDatabase(url);
        }
    }

    private PipelineManager instance(String id) {
        return PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.db.user", "postgres")
                .property("pm.instance-id", id).property("pm.lease.ttl-ms", "2000")
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .build();
    }

    @Test
    void eachVersionCompilesOnceAndEachPipelineRunsOnce() {
        for (int version = 1; version <= 5; version++) {
            if (version == 1) {
                a.createProgram(T, new ProgramSpec("orders", "", SQL));
            } else {
                b.updateProgram(T, "orders", ProgramUpdate.code(SQL + " -- v" + version));
            }
            long expected = version;
            await(() -> a.getProgram(T, "orders"), p -> p.version() == expected && p.status() == ProgramStatus.SUCCESS);
        }
        assertThat(a.counters().compilations() + b.counters().compilations()).isEqualTo(5);

        a.createPipeline(T, new PipelineSpec("p", "", "orders", null));
        b.startPipeline(T, "p");
        await(() -> a.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
        // Exactly one instance runs it, and it stays so while both instances' reconcilers keep passing.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                .until(() -> a.counters().localPipelines() + b.counters().localPipelines() == 1);
        PipelineManager owner = a.counters().localPipelines() == 1 ? a : b;
        PipelineManager other = owner == a ? b : a;

        owner.close();
        if (owner == a) {
            a = null;
        } else {
            b = null;
        }
        await(() -> other.counters().localPipelines(), n -> n == 1);
        assertThat(await(() -> other.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING).status())
                .isEqualTo(PipelineStatus.RUNNING);
        assertThat(other.pipelineStats(T, "p").steps()).isZero();
    }
}
