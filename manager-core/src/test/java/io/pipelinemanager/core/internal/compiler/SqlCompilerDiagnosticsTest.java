package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.SourceRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCompilerDiagnosticsTest {

    private final SqlCompiler compiler = new SqlCompiler();

    private List<Diagnostic> errors(String program) {
        CompilationResult result = compiler.compile(program);
        assertThat(result.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(result.artifact()).isNull();
        return result.diagnostics();
    }

    @Test
    void syntaxErrorPointsAtTheOffendingToken() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT);\n"
                + "CREATE VIEW v AS SELECT a FROM FROM t;\n");
        assertThat(d).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SyntaxError");
            assertThat(e.message()).contains("FROM");
            assertThat(e.range()).isEqualTo(new SourceRange(2, 32, 2, 35));
        });
        List<Diagnostic> dangling = errors("CREATE TABLE t(a INT);\n"
                + "CREATE VIEW v AS SELECT a FROM t WHERE a >;\n");
        assertThat(dangling).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SyntaxError");
            assertThat(e.range().startLine()).isEqualTo(2);
            assertThat(e.range().startColumn()).isEqualTo(42);
        });
    }

    @Test
    void unknownColumnPointsAtTheIdentifier() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT, b INT);\n"
                + "-- a comment\n"
                + "CREATE VIEW v AS\n"
                + "  SELECT a, nope FROM t;");
        assertThat(d).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("UnknownColumn");
            assertThat(e.message()).contains("nope");
            assertThat(e.range()).isEqualTo(new SourceRange(4, 13, 4, 16));
        });
    }

    @Test
    void typeMismatchPointsAtTheExpression() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT, s VARCHAR(10), d DATE);\n"
                + "CREATE VIEW v AS SELECT a + d FROM t;");
        assertThat(d).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("TypeError");
            assertThat(e.range().startLine()).isEqualTo(2);
            assertThat(e.range().startColumn()).isEqualTo(25);
            assertThat(e.range().endColumn()).isEqualTo(29);
        });
    }

    @Test
    void duplicateViewPointsAtTheSecondName() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT);\n"
                + "CREATE VIEW v AS SELECT a FROM t;\n"
                + "CREATE VIEW v AS SELECT a + 1 FROM t;");
        assertThat(d).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("DuplicateName");
            assertThat(e.range()).isEqualTo(new SourceRange(3, 13, 3, 13));
        });
    }

    @Test
    void duplicateTableIsReported() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT);\nCREATE TABLE T(b INT);");
        assertThat(d).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("DuplicateName");
            assertThat(e.range().startLine()).isEqualTo(2);
        });
    }

    @Test
    void unknownTableAndUnknownFunction() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT);\n"
                + "CREATE VIEW v1 AS SELECT * FROM missing;\n"
                + "CREATE VIEW v2 AS SELECT frobnicate(a) FROM t;");
        assertThat(d).extracting(Diagnostic::code).containsExactly("UnknownTable", "UnknownFunction");
        assertThat(d.get(0).range()).isEqualTo(new SourceRange(2, 33, 2, 39));
        assertThat(d.get(1).range().startLine()).isEqualTo(3);
        assertThat(d.get(1).range().startColumn()).isEqualTo(26);
    }

    @Test
    void severalErrorsInOneProgramAreAllReported() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT);\n"
                + "CREATE VIEW v1 AS SELECT x FROM t;\n"
                + "CREATE VIEW v2 AS SELECT a FROM t;\n"
                + "CREATE VIEW v3 AS SELECT y FROM v2;\n"
                + "CREATE VIEW v2 AS SELECT 1;");
        assertThat(d).extracting(Diagnostic::code)
                .containsExactly("UnknownColumn", "UnknownColumn", "DuplicateName");
        assertThat(d).extracting(e -> e.range().startLine()).containsExactly(2, 4, 5);
    }

    @Test
    void unsupportedStatementIsADiagnostic() {
        List<Diagnostic> d = errors("CREATE TABLE t(a INT);\nINSERT INTO t VALUES (1);");
        assertThat(d).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("Unsupported");
            assertThat(e.range().startLine()).isEqualTo(2);
        });
    }

    @Test
    void viewsSeeEarlierViewsAndSchemaIsReported() {
        CompilationResult r = compiler.compile("CREATE TABLE t(a INT NOT NULL, b DECIMAL(10,2), s TEXT, PRIMARY KEY (a));\n"
                + "CREATE VIEW v1 AS SELECT a, a, b FROM t;\n"
                + "CREATE MATERIALIZED VIEW v2 AS SELECT SUM(b) AS total FROM v1;");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(r.schema().tables()).singleElement().satisfies(t -> {
            assertThat(t.primaryKey()).containsExactly("a");
            assertThat(t.columns()).extracting(c -> c.sqlType()).containsExactly("INTEGER", "DECIMAL(10, 2)", "VARCHAR");
        });
        assertThat(r.schema().views()).extracting(v -> v.name()).containsExactly("v1", "v2");
        assertThat(r.schema().views().get(0).columns()).extracting(c -> c.name()).containsExactly("a", "a0", "b");
        assertThat(r.schema().views().get(1).materialized()).isTrue();
    }

    @Test
    void columnLevelPrimaryKeyIsAcceptedAndPositionsStayExact() {
        CompilationResult r = compiler.compile("CREATE TABLE t(id INT PRIMARY KEY, s TEXT); CREATE VIEW v AS SELECT id FROM t;");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.schema().tables().get(0).primaryKey()).containsExactly("id");
        assertThat(r.schema().tables().get(0).columns().get(0).nullable()).isFalse();
        List<Diagnostic> d = errors("CREATE TABLE t(id INT PRIMARY KEY, s TEXT); CREATE VIEW v AS SELECT nope FROM t;");
        assertThat(d).singleElement().satisfies(e -> assertThat(e.range()).isEqualTo(new SourceRange(1, 69, 1, 72)));
        List<Diagnostic> twoKeys = errors("CREATE TABLE t(a INT PRIMARY KEY, b INT, PRIMARY KEY (b));");
        assertThat(twoKeys).singleElement().satisfies(e -> assertThat(e.message()).contains("more than one primary key"));
    }

    @Test
    void columnLevelUniqueIsAWarning() {
        CompilationResult r = compiler.compile("CREATE TABLE t(id INT PRIMARY KEY,\n  email VARCHAR(40) UNIQUE);");
        assertThat(r.status()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(r.diagnostics()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(w.code()).isEqualTo("NotEnforced");
            assertThat(w.range()).isEqualTo(new SourceRange(2, 21, 2, 26));
        });
    }
}
