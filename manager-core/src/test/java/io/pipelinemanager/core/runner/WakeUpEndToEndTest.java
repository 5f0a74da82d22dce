package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.SQL;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.T;
import static io.pipelinemanager.core.runner.LifecycleEndToEndTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiler and the reconciler act on a change when it is committed, not at their next poll: with poll intervals
 * of ten minutes (longer than any wait here, 30 s), only the in-process wake-up signals can move a program through
 * compilation and a pipeline through its statuses (PROVISIONING, INITIALIZING, RUNNING, each a pass of its own).
 */
class WakeUpEndToEndTest {

    static final String TEN_MINUTES = "600000";

    private PipelineManager manager;

    @BeforeEach
    void open() {
        manager = PipelineManager.builder().environment(Map.of()).property("pm.db.url", TestDatabases.h2Url())
                .property("pm.checkpoint.directory", Path.of("target", "wakeup-test").toAbsolutePath().toString())
                .property("pm.compiler.poll-interval-ms", TEN_MINUTES)
                .property("pm.runner.reconcile-interval-ms", TEN_MINUTES)
                .build();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void changesWakeTheLoopsInsteadOfWaitingForTheirPolls() {
        manager.createProgram(T, new ProgramSpec("orders", "", SQL));
        assertThat(await(() -> manager.getProgram(T, "orders"), p -> p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
        manager.createPipeline(T, new PipelineSpec("p", "", "orders", null));

        manager.startPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
        manager.pausePipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.PAUSED);
        manager.startPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
        manager.shutdownPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.STOPPED);

        manager.updateProgram(T, "orders", ProgramUpdate.code(SQL + " -- v2"));
        assertThat(await(() -> manager.getProgram(T, "orders"), p -> p.version() == 2 && p.status().isFinal()).status())
                .isEqualTo(ProgramStatus.SUCCESS);
    }

    @Test
    void aPipelineStartedBeforeItsProgramCompiledRunsOnceItHas() {
        // The reconciler waits in PROVISIONING for the compiler; the stored result wakes it.
        manager.createProgram(T, new ProgramSpec("orders", "", SQL));
        manager.createPipeline(T, new PipelineSpec("p", "", "orders", null));
        manager.startPipeline(T, "p");
        await(() -> manager.getPipeline(T, "p"), p -> p.status() == PipelineStatus.RUNNING);
        assertThat(manager.counters().localPipelines()).isEqualTo(1);
    }
}
