package io.pipelinemanager.core.internal.program;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.DiagnosticCodes;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.runner.OutOfMemoryPolicy;
import io.pipelinemanager.core.internal.runner.Runners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Compilations run on the bounded pool of large-stack threads: deep programs compile, a full pool refuses. */
class CompilePoolTest {

    private final Runners runners = new Runners();
    private final OutOfMemoryPolicy policy = new OutOfMemoryPolicy(io.pipelinemanager.core.api.OutOfMemoryAction.STOP_PIPELINES, runners,
            status -> {
                throw new AssertionError("must not halt");
            });
    private CompilePool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    static String union(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT);\nCREATE VIEW v AS ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " UNION ").append("SELECT a FROM t WHERE a = ").append(i);
        }
        return sb.append(";").toString();
    }

    static String nestedSubqueries(int n) {
        String query = "SELECT a FROM t";
        for (int i = 0; i < n; i++) {
            query = "SELECT a FROM (" + query + ") s" + i;
        }
        return "CREATE TABLE t(a INT);\nCREATE VIEW v AS " + query + ";";
    }

    static String or(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT);\nCREATE VIEW v AS SELECT a FROM t WHERE ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " OR ").append("a = ").append(i);
        }
        return sb.append(";").toString();
    }

    private void assertCompiles(String program) {
        pool = new CompilePool(new SqlCompiler(), 1, 1, policy::outOfMemory);
        CompilationResult result = pool.validate(program);
        assertThat(result.status()).as("%s", result.diagnostics()).isEqualTo(ProgramStatus.SUCCESS);
    }

    @Test
    void aThousandWayUnionCompiles() {
        assertCompiles(union(1_000));
    }

    @Test
    void fiveHundredNestedSubqueriesCompile() {
        assertCompiles(nestedSubqueries(500));
    }

    @Test
    void aThreeThousandWayOrCompiles() {
        assertCompiles(or(3_000));
    }

    @Test
    void validationsBeyondThePoolAndItsQueueAreRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        SqlCompiler compiler = new SqlCompiler();
        pool = new CompilePool(compiler, code -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return compiler.compile(code);
        }, 1, 1, policy::outOfMemory);
        CompletableFuture<CompilationResult> running = CompletableFuture.supplyAsync(() -> pool.validate("-- one"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CompilationResult> queued = CompletableFuture.supplyAsync(() -> pool.validate("-- two"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> pool.validate("-- three")).isInstanceOfSatisfying(ManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BackPressure)));
        // Background work is never refused: it waits its turn.
        CompletableFuture<CompilationResult> background = CompletableFuture.supplyAsync(() -> pool.compile("-- four"));
        release.countDown();
        assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(queued.get(30, TimeUnit.SECONDS).status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(background.get(30, TimeUnit.SECONDS).status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(pool.validate("-- five").status()).isEqualTo(ProgramStatus.SUCCESS);
    }

    @Test
    void aCompilationThatRunsOutOfMemoryAnswersAndEscalates() {
        pool = new CompilePool(new SqlCompiler(), code -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        }, 1, 1, policy::outOfMemory);
        CompilationResult result = pool.validate("CREATE TABLE t(a INT);");
        assertThat(result.status()).isEqualTo(ProgramStatus.SYSTEM_ERROR);
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCodes.OUT_OF_MEMORY);
        assertThat(policy.recent()).isPresent();
        assertThat(pool.validate("CREATE TABLE t(a INT);").status()).as("the pool survives")
                .isEqualTo(ProgramStatus.SYSTEM_ERROR);
    }
}
