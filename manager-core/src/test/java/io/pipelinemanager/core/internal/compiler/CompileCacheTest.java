package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ProgramStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CompileCacheTest {

    private static final String PROGRAM = "CREATE TABLE t(a INT);\nCREATE VIEW v AS SELECT a + 1 AS b FROM t;";

    @Test
    void sameTextIsACacheHitWithTheSameArtifact() {
        SqlCompiler compiler = new SqlCompiler();
        CompilationResult first = compiler.compile(PROGRAM);
        CompilationResult second = compiler.compile(PROGRAM);
        assertThat(first.status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(second).isSameAs(first);
        assertThat(compiler.cache().hits()).isEqualTo(1);
        assertThat(compiler.cache().misses()).isEqualTo(1);
        assertThat(first.contentHash()).isEqualTo(SqlCompiler.contentHash(PROGRAM)).hasSize(64);
        assertThat(first.artifact().newCircuit()).isNotSameAs(first.artifact().newCircuit());
    }

    @Test
    void differentTextOrVersionGivesADifferentHash() {
        assertThat(SqlCompiler.contentHash(PROGRAM)).isNotEqualTo(SqlCompiler.contentHash(PROGRAM + " "));
        assertThat(ProgramHash.of(PROGRAM, "v1")).isNotEqualTo(ProgramHash.of(PROGRAM, "v2"));
        assertThat(ProgramHash.of(PROGRAM, "v1")).isEqualTo(ProgramHash.of(PROGRAM, "v1"));
    }

    @Test
    void cacheIsBoundedAndKeepsRecentlyUsedEntries() {
        SqlCompiler compiler = new SqlCompiler(new CompileCache(2));
        compiler.compile("CREATE TABLE a(x INT);");
        compiler.compile("CREATE TABLE b(x INT);");
        compiler.compile("CREATE TABLE a(x INT);");
        compiler.compile("CREATE TABLE c(x INT);");
        assertThat(compiler.cache().size()).isEqualTo(2);
        compiler.compile("CREATE TABLE a(x INT);");
        assertThat(compiler.cache().hits()).isEqualTo(2);
        compiler.compile("CREATE TABLE b(x INT);");
        assertThat(compiler.cache().misses()).isEqualTo(4);
    }

    @Test
    void sqlErrorsAreCachedToo() {
        SqlCompiler compiler = new SqlCompiler();
        CompilationResult bad = compiler.compile("CREATE VIEW v AS SELECT * FROM nowhere;");
        assertThat(bad.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(compiler.compile("CREATE VIEW v AS SELECT * FROM nowhere;")).isSameAs(bad);
    }

    @Test
    void concurrentCompilesAgree() throws Exception {
        SqlCompiler compiler = new SqlCompiler();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CompilationResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> compiler.compile(PROGRAM)));
            }
            CompilationResult first = results.get(0).get();
            for (Future<CompilationResult> f : results) {
                assertThat(f.get().status()).isEqualTo(ProgramStatus.SUCCESS);
                assertThat(f.get()).isSameAs(first);
            }
            assertThat(compiler.cache().size()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
