package io.pipelinemanager.core.internal.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.internal.compiler.CompiledProgram;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.api.DataFormat;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot query's answer is streamed; a failure after writing began ends the body with an error record. */
class SnapshotQueryTest {

    private static final CompiledProgram PROGRAM = new SqlCompiler()
            .compile("CREATE TABLE t (x BIGINT);").artifact();
    private static final SnapshotQuery.Limits LIMITS = new SnapshotQuery.Limits(10_000, 1 << 24);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private PipelineRunner runnerWithRows(int rows) {
        PipelineRunner runner = new PipelineRunner(io.pipelinemanager.core.api.PipelineId.random(), io.pipelinemanager.core.api.TenantId.DEFAULT, "p", PROGRAM,
                PipelineConfig.DEFAULT);
        runner.start(executor, true);
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < rows; i++) {
            b.add(Rows.of((long) i), 2);
        }
        runner.push("t", b.build(), 2L * rows);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runner.stats().processedRecords() == 2L * rows);
        return runner;
    }

    @Test
    void rowsRepeatByWeightInOrder() throws Exception {
        PipelineRunner runner = runnerWithRows(3);
        SnapshotQuery.Answer answer = SnapshotQuery.run(runner, "SELECT x FROM t ORDER BY x DESC", DataFormat.CSV, LIMITS);
        assertThat(answer.rows()).isEqualTo(6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        answer.writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x\r\n2\r\n2\r\n1\r\n1\r\n0\r\n0\r\n");
        assertThat(answer.toResult().rows()).containsExactly(List.of(2L), List.of(2L), List.of(1L), List.of(1L),
                List.of(0L), List.of(0L));
        runner.stop();
    }

    @Test
    void aFailureAfterWritingBeganEndsTheBodyWithAnErrorRecord() throws Exception {
        PipelineRunner runner = runnerWithRows(2000 / 2 - 1);
        OutputStream failingOnce = new FailingOnce();
        SnapshotQuery.Answer json = SnapshotQuery.run(runner, "SELECT x FROM t", DataFormat.JSON, LIMITS);
        json.writeTo(failingOnce);
        List<String> lines = ((FailingOnce) failingOnce).text().lines().filter(l -> !l.isEmpty()).toList();
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(last.get("error_code").asText()).isEqualTo("InternalError");
        assertThat(last.get("message").asText()).contains("could not be written completely").doesNotContain("Exception");

        FailingOnce csvOut = new FailingOnce();
        SnapshotQuery.run(runner, "SELECT x FROM t", DataFormat.CSV, LIMITS).writeTo(csvOut);
        assertThat(csvOut.text()).endsWith("\r\n# error: InternalError: The answer could not be written completely: "
                + "an internal error occurred\r\n");
        runner.stop();
    }

    /** Accepts bytes, except that its first write of more than a few bytes fails with an unexpected error. */
    private static final class FailingOnce extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean failed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!failed && len > 16) {
                failed = true;
                throw new IllegalStateException("simulated failure in the middle of the answer");
            }
            bytes.write(b, off, len);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
