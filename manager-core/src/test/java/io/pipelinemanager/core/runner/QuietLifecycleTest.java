package io.pipelinemanager.core.runner;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.internal.config.ConfigKey;
import io.pipelinemanager.core.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A manager on the default H2 file database that runs a pipeline, is closed and opened again logs
 * nothing above INFO, says which schema version it found, and leaves no H2 trace file behind.
 */
class QuietLifecycleTest {

    static final Caller T = Caller.unauthenticated();

    @TempDir
    Path home;

    /** The default database URL with the user's home directory replaced by the test's own. */
    private String defaultUrlUnder(Path dir) {
        String url = ConfigKey.DB_URL.defaultValue();
        assertThat(url).startsWith("jdbc:h2:file:~/");
        return url.replace("~/", dir.toAbsolutePath() + "/");
    }

    private PipelineManager open(String url) {
        return PipelineManager.builder().environment(Map.of()).property("pm.db.url", url)
                .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                .build();
    }

    @Test
    void closeAndReopenLogNothingAboveInfo() throws IOException {
        String url = defaultUrlUnder(home);
        List<String> lines;
        try (LogCapture log = LogCapture.stderr()) {
            try (PipelineManager manager = open(url)) {
                manager.createProgram(T, new ProgramSpec("shop", "", LifecycleEndToEndTest.SQL));
                // A refused request is an SQL error inside H2 (a unique constraint), which H2 would trace to a file.
                assertThatThrownBy(() -> manager.createProgram(T, new ProgramSpec("shop", "", "CREATE TABLE t (x INT);")))
                        .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DuplicateName));
                manager.createPipeline(T, new PipelineSpec("shop-1", "", "shop", null));
                manager.startPipeline(T, "shop-1");
                awaitStatus(manager, PipelineStatus.RUNNING);
                manager.ingress(T, "shop-1", "orders", DataFormat.JSON, new ByteArrayInputStream(
                        "{\"insert\": {\"id\": 1, \"customer\": \"ann\", \"amount\": 12.50}}".getBytes(StandardCharsets.UTF_8)));
                await().atMost(Duration.ofSeconds(10)).until(() -> manager.pipelineStats(T, "shop-1").steps() == 1);
            }
            try (PipelineManager manager = open(url)) {
                // The pipeline's desired status is RUNNING: the new instance provisions it again.
                awaitStatus(manager, PipelineStatus.RUNNING);
            }
            lines = log.lines();
            assertThat(log.aboveInfo()).as("log lines above INFO").isEmpty();
        }
        assertThat(lines).filteredOn(l -> l.contains("Database schema"))
                .as("each start says which schema version it found")
                .hasSize(2).allMatch(l -> l.matches(".*Database schema at version \\d+.*"));
        assertThat(lines).filteredOn(l -> l.contains("Pipeline manager") && l.contains("started")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains("Pipeline manager") && l.contains("stopped")).hasSize(2);
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.map(Path::toString)).as("files under the database directory")
                    .anyMatch(f -> f.endsWith(".mv.db")).noneMatch(f -> f.endsWith(".trace.db"));
        }
    }

    @Test
    void aPipelineTheHostsExecutorRefusesWaitsQuietlyAndClosingDoesNotHang() {
        // A container's executor refuses tasks while the server suspends before it shuts down.
        ExecutorService refusing = Executors.newSingleThreadExecutor();
        refusing.shutdown();
        try (LogCapture log = LogCapture.stderr()) {
            PipelineManager manager = PipelineManager.builder().environment(Map.of())
                    .property("pm.db.url", defaultUrlUnder(home)).executor(refusing)
                    .property("pm.compiler.poll-interval-ms", "20").property("pm.runner.reconcile-interval-ms", "20")
                    .build();
            try {
                manager.createProgram(T, new ProgramSpec("shop", "", LifecycleEndToEndTest.SQL));
                manager.createPipeline(T, new PipelineSpec("shop-1", "", "shop", null));
                manager.startPipeline(T, "shop-1");
                await().atMost(Duration.ofSeconds(30)).until(() -> log.lines().stream().anyMatch(l -> l.contains("refused")));
                assertThat(manager.getPipeline(T, "shop-1").status()).isEqualTo(PipelineStatus.INITIALIZING);
            } finally {
                long started = System.nanoTime();
                manager.close();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closing").isLessThan(Duration.ofSeconds(5));
            }
            assertThat(log.aboveInfo()).as("log lines above INFO").isEmpty();
        }
    }

    private static void awaitStatus(PipelineManager manager, PipelineStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.getPipeline(T, "shop-1").status() == status);
    }
}
