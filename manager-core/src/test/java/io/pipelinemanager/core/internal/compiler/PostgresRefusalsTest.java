package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Implicit conversions PostgreSQL refuses are compile errors at the expression (line:col), not casts that
 * fail on every row; the ones it allows still compile.
 */
class PostgresRefusalsTest {

    private static final String T = "CREATE TABLE t(b BOOLEAN, i INT, n DECIMAL(10, 2), s VARCHAR(10), d DATE, f DOUBLE);\n";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("SELECT b = 1 FROM t", 25, "BOOLEAN = INTEGER"),
                Arguments.of("SELECT i <> b FROM t", 25, "INTEGER <> BOOLEAN"),
                Arguments.of("SELECT * FROM t WHERE s = i", 40, "VARCHAR = INTEGER"),
                Arguments.of("SELECT * FROM t WHERE d < i", 40, "DATE < INTEGER"),
                Arguments.of("SELECT * FROM t WHERE b IN (1, 0)", 40, "BOOLEAN IN INTEGER"),
                Arguments.of("SELECT s + 1 FROM t", 25, "VARCHAR + INTEGER"),
                Arguments.of("SELECT b + 1 FROM t", 25, "BOOLEAN + INTEGER"),
                Arguments.of("SELECT * FROM t WHERE d = s", 40, "DATE = VARCHAR"),
                Arguments.of("SELECT + s FROM t", 25, "+ VARCHAR"),
                Arguments.of("SELECT * FROM t WHERE NOT + s IS NULL", 44, "+ VARCHAR"),
                Arguments.of("SELECT i - - s FROM t", 29, "- VARCHAR"),
                Arguments.of("SELECT + d FROM t", 25, "+ DATE"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusedAtCompileTime(String query, int column, String types) {
        CompilationResult r = new SqlCompiler().compile(T + "CREATE VIEW v AS " + query + ";");
        assertThat(r.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DiagnosticCodes.TYPE_ERROR);
            assertThat(d.message()).contains("operator does not exist: " + types).contains("CAST");
            assertThat(d.range().startLine()).isEqualTo(2);
            assertThat(d.range().startColumn()).isEqualTo(column);
        });
    }

    static Stream<Arguments> badConstants() {
        return Stream.of(
                Arguments.of("SELECT REGEXP_REPLACE(s, 'a', 'b', 'q') FROM t", "invalid regular expression option"),
                Arguments.of("SELECT REGEXP_REPLACE(s, 'a(', 'b') FROM t", "invalid regular expression"),
                Arguments.of("SELECT REGEXP_LIKE(s, 'a', 'g') FROM t", "global"),
                Arguments.of("SELECT REGEXP_MATCH(s, 'a', 'g') FROM t", "regexp_match() does not support the \"global\" option"),
                Arguments.of("SELECT REGEXP_MATCH(s, '(a') FROM t", "invalid regular expression"),
                Arguments.of("SELECT s ~ '[' FROM t", "invalid regular expression"),
                Arguments.of("SELECT TO_CHAR(d, 'YYYY-WW') FROM t", "TO_CHAR pattern \"WW\" is not supported"));
    }

    /** Constant patterns, flags and formats the engine cannot use are compile errors, not per-row failures. */
    @ParameterizedTest
    @MethodSource("badConstants")
    void badConstantArgumentsAreCompileErrors(String query, String message) {
        CompilationResult r = new SqlCompiler().compile(T + "CREATE VIEW v AS " + query + ";");
        assertThat(r.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains(message);
            assertThat(d.range().startLine()).isEqualTo(2);
        });
    }

    static Stream<String> allowed() {
        return Stream.of("SELECT b = TRUE, b = 'true', i = 1.5, n > i, f < n, s = 'x', d = '2020-01-01', i = '7',"
                        + " i + '1', d + INTERVAL '1' DAY, i IN (1, 2.5), s IN ('a', 'b'), b IS NULL, i = NULL FROM t",
                "SELECT CAST(s AS INT) + 1, s = CAST(i AS VARCHAR) FROM t",
                "SELECT + i, - n, + f, - - i, + '1', + CAST(s AS INT), - INTERVAL '1' DAY FROM t");
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void allowedConversionsStillCompile(String query) {
        CompilationResult r = new SqlCompiler().compile(T + "CREATE VIEW v AS " + query + ";");
        assertThat(r.diagnostics()).extracting(Diagnostic::message).isEmpty();
    }
}
