package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pipeline whose program must be compiled again at its start does not hold up the start of the others. */
class ReconcilerCompilesOffThePassTest {

    private static final Caller T = Caller.unauthenticated();

    private PipelineManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private static String manyViews(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT, b INT);\n");
        for (int i = 0; i < n; i++) {
            sb.append("CREATE VIEW v").append(i).append(" AS SELECT a, b FROM t WHERE a > ").append(i).append(";\n");
        }
        return sb.append("CREATE MATERIALIZED VIEW m AS SELECT a FROM t;\n").toString();
    }

    @Test
    void aSlowCompilationAtStartDoesNotStallOtherPipelines() {
        // A cache of one: compiling the second program evicts the first, so starting the first compiles it again.
        manager = PipelineManager.builder().environment(Map.of()).property("pm.db.url", TestDatabases.h2Url())
                .property("pm.compiler.cache-size", "1").property("pm.compiler.poll-interval-ms", "20")
                .property("pm.runner.reconcile-interval-ms", "20").build();
        manager.createProgram(T, new ProgramSpec("slow", "", manyViews(400)));
        await().atMost(Duration.ofMinutes(2)).until(() -> manager.getProgram(T, "slow").status().isFinal());
        assertThat(manager.getProgram(T, "slow").status()).isEqualTo(ProgramStatus.SUCCESS);
        manager.createProgram(T, new ProgramSpec("fast", "", "CREATE TABLE t(a INT); CREATE VIEW v AS SELECT a FROM t;"));
        await().atMost(Duration.ofMinutes(1)).until(() -> manager.getProgram(T, "fast").status() == ProgramStatus.SUCCESS);
        manager.createPipeline(T, new PipelineSpec("a-slow", "", "slow", null));
        manager.createPipeline(T, new PipelineSpec("b-fast", "", "fast", null));

        manager.startPipeline(T, "a-slow");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.getPipeline(T, "a-slow").status() == PipelineStatus.INITIALIZING);
        manager.startPipeline(T, "b-fast");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.getPipeline(T, "b-fast").status() == PipelineStatus.RUNNING);
        // Before, the reconciler compiled "slow" inside its pass: "b-fast" could only start after it.
        assertThat(manager.getPipeline(T, "a-slow").status()).isEqualTo(PipelineStatus.INITIALIZING);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> manager.getPipeline(T, "a-slow").status() == PipelineStatus.RUNNING);
    }
}
