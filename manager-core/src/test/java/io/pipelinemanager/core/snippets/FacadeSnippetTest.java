package io.pipelinemanager.core.snippets;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.PushResult;
import io.pipelinemanager.core.api.ViewSubscription;
import io.pipelinemanager.core.testing.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The snippet in {@link PipelineManager}'s class comment is this test's code, and it prints what the comment says. */
class FacadeSnippetTest {

    private static final Path FACADE = Path.of("src/main/java/io/pipelinemanager/core/PipelineManager.java");
    private static final Path THIS = Path.of("src/test/java/io/pipelinemanager/core/snippets/FacadeSnippetTest.java");

    @Test
    void theClassCommentShowsThisCode() throws Exception {
        Matcher doc = Pattern.compile("(?s)<pre>\\{@code\n(.*?)\n \\* }</pre>").matcher(Files.readString(FACADE));
        assertThat(doc.find()).as("PipelineManager's class comment has a snippet").isTrue();
        String snippet = doc.group(1).lines().map(l -> l.replaceFirst("^ \\* ?", "")).collect(Collectors.joining("\n"));
        Matcher code = Pattern.compile("(?s)// snippet start\n(.*?)\n\\s*// snippet end").matcher(Files.readString(THIS));
        assertThat(code.find()).isTrue();
        String tested = code.group(1).lines().map(l -> l.replaceFirst("^ {12}", "")).collect(Collectors.joining("\n"));
        assertThat(snippet).isEqualTo(tested);
    }

    @Test
    void theSnippetRunsAndPrintsTheStepOfItsPush() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (PipelineManager manager = PipelineManager.builder().environment(Map.of())
                .databaseUrl(TestDatabases.h2Url()).compilerPollInterval(Duration.ofMillis(20))
                .reconcileInterval(Duration.ofMillis(20)).build()) {
            Caller admin = Caller.unauthenticated();
            manager.createProgram(admin, new ProgramSpec("shop", "", """
                    CREATE TABLE orders (id INT NOT NULL, amount DECIMAL(10, 2));
                    CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount > 5;
                    """));
            assertThat(Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> manager.getProgram(admin, "shop"), p -> p.status().isFinal()).diagnostics()).isEmpty();
            assertThat(manager.getProgram(admin, "shop").status()).isEqualTo(ProgramStatus.SUCCESS);
            manager.createPipeline(admin, new PipelineSpec("shop-1", "", "shop", null));
            manager.startPipeline(admin, "shop-1");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> manager.getPipeline(admin, "shop-1").status() == PipelineStatus.RUNNING);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            // snippet start
            record Order(int id, BigDecimal amount) { }
            record Big(int id, BigDecimal amount) { }
            Caller caller = Caller.unauthenticated();
            ExecutorService host = Executors.newSingleThreadExecutor();
            try (ViewSubscription<Big> big = manager.listen(caller, "shop-1", "big", false, Big.class, host,
                    (step, changes) -> System.out.println("step " + step + ": " + changes))) {
                PushResult push = manager.insert(caller, "shop-1", "orders",
                        List.of(new Order(1, new BigDecimal("9.99")), new Order(2, new BigDecimal("1.50"))));
                long step = manager.awaitApplied(caller, "shop-1", push, Duration.ofSeconds(10));
                big.awaitDelivered(step, Duration.ofSeconds(10)); // printed: step 1: [insert Big[id=1, amount=9.99]]
            } finally {
                host.shutdown();
            }
            // snippet end
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("step 1: [insert Big[id=1, amount=9.99]]\n");
    }
}
