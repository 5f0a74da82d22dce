package io.pipelinemanager.samples.embedded;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's embedding example: this sample is its text, it runs twice on one file database, and its waits end
 * on a compilation error, a failed pipeline and a timeout. (consumer-it/ runs the same text in a project of its own.)
 */
class EmbeddedQuickStartTest {

    private static final Path SOURCE = Path.of("src/main/java/io/pipelinemanager/samples/embedded/EmbeddedQuickStart.java");
    private static final Path README = Path.of("../README.md");
    /** Where surefire's PM_DB_URL and PM_CHECKPOINT_DIRECTORY (samples/pom.xml) put the state that main keeps. */
    private static final Path DATABASE_DIR = Path.of("target/quickstart-db");

    @Test
    void readmeShowsThisSampleVerbatim() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8).replace("\r\n", "\n");
        Matcher block = Pattern.compile("(?s)```java\n(package io\\.pipelinemanager\\.samples\\.embedded;\n.*?)```")
                .matcher(readme);
        assertThat(block.find()).as("README.md has a java block that starts with the sample's package line").isTrue();
        assertThat(block.group(1))
                .as("README.md's embedding example must be " + SOURCE + " verbatim (consumer-it runs the README's text)")
                .isEqualTo(Files.readString(SOURCE, StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(180)
    void mainRunsTwiceOnTheSameFileDatabaseAndTheSecondRunResumesTheFirstRunsState() throws Exception {
        deleteRecursively(DATABASE_DIR);
        String[] first = runMain().split("\n");
        assertThat(first).as("first run").hasSize(3);
        assertThat(first[0]).isEqualTo("step 0: []");
        assertThat(first[1]).startsWith("step 1: [")
                .contains("insert Total[customer=ann, total=12.50]")
                .contains("insert Total[customer=bob, total=3.00]");
        assertThat(first[2]).isEqualTo("[[ann, 12.50], [bob, 3.00]]");

        // exactly_once (the default): the stop wrote a checkpoint, the second start resumes from it at step 1.
        String[] second = runMain().split("\n");
        assertThat(second).as("second run").hasSize(3);
        assertThat(second[0]).startsWith("step 1: [")
                .contains("insert Total[customer=ann, total=12.50]")
                .contains("insert Total[customer=bob, total=3.00]");
        assertThat(second[1]).startsWith("step 2: [")
                .contains("delete Total[customer=ann, total=12.50]", "insert Total[customer=ann, total=25.00]")
                .contains("delete Total[customer=bob, total=3.00]", "insert Total[customer=bob, total=6.00]");
        assertThat(second[2]).isEqualTo("[[ann, 25.00], [bob, 6.00]]");
        assertThat(DATABASE_DIR.resolve("checkpoints")).as("PM_CHECKPOINT_DIRECTORY (samples/pom.xml)")
                .isNotEmptyDirectory();
    }

    @Test
    @Timeout(120)
    void waitForCompilationEndsWithTheDiagnosticsOfAnSqlError() throws Exception {
        try (PipelineManager manager = inMemory(Map.of()).build()) {
            manager.createProgram(EmbeddedQuickStart.CALLER, new ProgramSpec("broken", null,
                    "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT y FROM t;"));
            assertThatThrownBy(() -> EmbeddedQuickStart.awaitCompiled(manager, "broken", Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("program broken did not compile (SQL_ERROR):\n  2:")
                    .hasMessageContaining("ERROR")
                    .hasMessageContaining("y");
        }
    }

    @Test
    @Timeout(120)
    void waitForRunningEndsWhenThePipelineFails() throws Exception {
        try (PipelineManager manager = inMemory(Map.of()).build()) {
            manager.createProgram(EmbeddedQuickStart.CALLER, new ProgramSpec("broken", null, "CREATE VIEW v AS SELECT nope;"));
            manager.createPipeline(EmbeddedQuickStart.CALLER, new PipelineSpec("p", null, "broken", null));
            manager.startPipeline(EmbeddedQuickStart.CALLER, "p");
            assertThatThrownBy(() -> EmbeddedQuickStart.awaitStatus(manager, "p", PipelineStatus.RUNNING, Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("pipeline p failed: CannotStartWithCompilationError");
        }
    }

    @Test
    @Timeout(60)
    void waitsGiveUpAfterTheirTimeout() throws Exception {
        // Without background work nothing compiles or starts: both waits must end at their timeout.
        try (PipelineManager manager = inMemory(Map.of("pm.background-work", "false")).build()) {
            manager.createProgram(EmbeddedQuickStart.CALLER, new ProgramSpec("shop", null, "CREATE TABLE t (x INT);"));
            assertThatThrownBy(() -> EmbeddedQuickStart.awaitCompiled(manager, "shop", Duration.ofMillis(300)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("program shop still PENDING after PT0.3S");
            manager.createPipeline(EmbeddedQuickStart.CALLER, new PipelineSpec("p", null, "shop", null));
            manager.startPipeline(EmbeddedQuickStart.CALLER, "p");
            assertThatThrownBy(() -> EmbeddedQuickStart.awaitStatus(manager, "p", PipelineStatus.RUNNING, Duration.ofMillis(300)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("pipeline p still STOPPED after PT0.3S");
        }
    }

    private static PipelineManagerBuilder inMemory(Map<String, String> properties) {
        PipelineManagerBuilder builder = PipelineManager.builder().environment(Map.of())
                .property("pm.db.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        properties.forEach(builder::property);
        return builder;
    }

    /** Runs {@code main} as a user would (default configuration, with surefire's PM_DB_URL) and returns its output. */
    private static String runMain() throws Exception {
        return stdout(EmbeddedQuickStart::main);
    }

    /** A sample's {@code main}. */
    interface Main {
        void main(String[] args) throws Exception;
    }

    /** What {@code main} printed to {@code System.out} when run without arguments. */
    static String stdout(Main main) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
