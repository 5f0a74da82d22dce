package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every compiler limit ends in a clear, positioned SQL_ERROR, never in an exhausted stack, heap or clock. */
class CompileLimitsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    static String or(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT);\nCREATE VIEW v AS SELECT a FROM t WHERE ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " OR ").append("a = ").append(i);
        }
        return sb.append(";").toString();
    }

    static String views(int n) {
        StringBuilder sb = new StringBuilder("CREATE TABLE t(a INT, b INT);\n");
        for (int i = 0; i < n; i++) {
            sb.append("CREATE VIEW v").append(i).append(" AS SELECT a, b FROM t WHERE a > ").append(i).append(";\n");
        }
        return sb.toString();
    }

    private static SqlCompiler compiler(int statements, int nesting, Duration timeout) {
        return new SqlCompiler(new CompileCache(8), new CompileLimits(statements, nesting, timeout));
    }

    private static Diagnostic onlyError(CompilationResult result) {
        assertThat(result.status()).as("%s", result.diagnostics()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(result.diagnostics()).hasSize(1);
        Diagnostic d = result.diagnostics().get(0);
        assertThat(d.message()).doesNotContain("Exception").doesNotContain("org.apache");
        return d;
    }

    @Test
    void aStatementNestedBeyondTheLimitIsRefusedWhereItIsDeepest() {
        Diagnostic d = onlyError(compiler(100, 300, MINUTE).compile(or(400)));
        assertThat(d.code()).isEqualTo(DiagnosticCodes.TOO_DEEPLY_NESTED);
        assertThat(d.message()).contains("too deeply nested").contains("pm.compiler.max-nesting");
        assertThat(d.range().startLine()).isEqualTo(2);
    }

    @Test
    void aStatementThatJustFitsTheNestingLimitCompiles() throws Exception {
        String program = or(400);
        int depth = StatementShape.of(ProgramParser.parse(program).statements().get(1)).depth();
        assertThat(compiler(100, depth, MINUTE).compile(program).status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(compiler(100, depth - 1, MINUTE).compile(program).status()).isEqualTo(ProgramStatus.SQL_ERROR);
    }

    @Test
    void aStackOverflowIsATooDeeplyNestedErrorNotASystemError() throws Exception {
        AtomicReference<CompilationResult> result = new AtomicReference<>();
        // A small stack: what a 3,000-way OR did to a request thread before compilations had their own threads.
        Thread small = new Thread(null, () -> result.set(new SqlCompiler().compile(or(3_000))), "small", 256 * 1024);
        small.start();
        small.join();
        Diagnostic d = onlyError(result.get());
        assertThat(d.code()).isEqualTo(DiagnosticCodes.TOO_DEEPLY_NESTED);
        assertThat(d.range().startLine()).isGreaterThan(0);
    }

    @Test
    void tooManyStatementsAreRefusedAtTheFirstOneBeyondTheLimit() {
        Diagnostic d = onlyError(compiler(3, 100, MINUTE).compile(views(4)));
        assertThat(d.code()).isEqualTo(DiagnosticCodes.COMPILE_LIMIT);
        assertThat(d.message()).contains("5 statements").contains("at most 3").contains("pm.compiler.max-statements");
        assertThat(d.range().startLine()).isEqualTo(4);
    }

    @Test
    void aCompilationBeyondItsTimeBudgetStopsWithAnErrorThatIsNotCached() {
        SqlCompiler compiler = compiler(1_000, 100, Duration.ofNanos(1));
        Diagnostic d = onlyError(compiler.compile(views(20)));
        assertThat(d.code()).isEqualTo(DiagnosticCodes.COMPILE_TIMEOUT);
        assertThat(d.message()).contains("pm.compiler.timeout-ms");
        assertThat(d.range().startLine()).isGreaterThan(0);
        assertThat(compiler.cache().size()).as("a timed-out result may succeed another time").isZero();
    }

    @Test
    void aViewIsPlannedAgainstTheRelationsItNamesNotTheWholeCatalog() {
        AtomicReference<AnalyzedView> last = new AtomicReference<>();
        AnalyzedProgram analyzed = ProgramAnalyzer.analyze(views(200), CompileLimits.DEFAULT,
                new ProgramAnalyzer.Listener() {
                    @Override
                    public void table(CatalogEntry table) {
                    }

                    @Override
                    public void view(AnalyzedView view) {
                        last.set(view);
                    }
                });
        assertThat(analyzed.hasErrors()).isFalse();
        assertThat(analyzed.views()).as("plans are handed over, not kept").isEmpty();
        assertThat(analyzed.schema().views()).hasSize(200);
        TableScan scan = scan(last.get().plan().rel());
        // Each plan keeps its catalog reader alive: one holding every earlier view made memory quadratic.
        CalciteCatalogReader reader = (CalciteCatalogReader) scan.getTable().getRelOptSchema();
        assertThat(reader.getRootSchema().getTableNames()).containsExactly("t");
    }

    private static TableScan scan(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return scan;
        }
        return scan(rel.getInput(0));
    }
}
