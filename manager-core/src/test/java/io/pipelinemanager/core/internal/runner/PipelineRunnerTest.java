package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batching and buffering rules of one runner, without the store or the reconciler. */
class PipelineRunnerTest {

    private static final CompiledProgram PROGRAM = new SqlCompiler()
            .compile("CREATE TABLE t (x BIGINT); CREATE MATERIALIZED VIEW v AS SELECT x FROM t;")
            .artifact();

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void stepsTakeWholeRequestsUpToTheBatchSize() throws Exception {
        PipelineRunner runner = new PipelineRunner("p", PROGRAM, new PipelineConfig(1, 5, 10_000, 100));
        runner.start(executor, false);
        for (int r = 0; r < 3; r++) {
            runner.push("t", rows(r * 4, 4), 4);
        }
        runner.push("t", rows(100, 12), 12);
        assertThat(runner.stats().bufferedRecords()).isEqualTo(24);
        runner.resume();
        awaitProcessed(runner, 24);
        // 4 | 4 | 4 | 12: no two requests fit in 5 records, and the large one is not split.
        assertThat(runner.stats().steps()).isEqualTo(4);
        assertThat(runner.snapshots(java.util.Set.of("v")).get("v").size()).isEqualTo(24);
        runner.stop();
    }

    @Test
    void fullBufferRefusesWholeRequests() {
        PipelineRunner runner = new PipelineRunner("p", PROGRAM, new PipelineConfig(1, 5, 0, 10));
        runner.start(executor, false);
        runner.push("t", rows(0, 8), 8);
        assertThatThrownBy(() -> runner.push("t", rows(8, 3), 3)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure));
        runner.push("t", rows(8, 2), 2);
        assertThat(runner.stats().bufferedRecords()).isEqualTo(10);
        runner.stop();
        assertThatThrownBy(() -> runner.push("t", rows(20, 1), 1)).isInstanceOfSatisfying(ManagerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PipelineNotRunning));
    }

    private static ZSet rows(long first, int n) {
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < n; i++) {
            b.add(Rows.of(first + i), 1);
        }
        return b.build();
    }

    private static void awaitProcessed(PipelineRunner runner, long records) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().processedRecords() >= records);
    }
}
