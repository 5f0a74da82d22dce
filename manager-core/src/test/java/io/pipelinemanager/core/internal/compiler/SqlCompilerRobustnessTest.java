package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Odd and unsupported programs end in a status with diagnostics, never in an exception. */
class SqlCompilerRobustnessTest {

    static Stream<Arguments> programs() {
        String t = "CREATE TABLE t(a INT); ";
        return Stream.of(
                Arguments.of("", "SUCCESS", null),
                Arguments.of("-- only a comment", "SUCCESS", null),
                Arguments.of(";;;", "SQL_ERROR", "SyntaxError"),
                Arguments.of("CREATE VIEW v AS", "SQL_ERROR", "SyntaxError"),
                Arguments.of("CREATE TABLE t(a FOO)", "SQL_ERROR", "TypeError"),
                Arguments.of("CREATE TABLE t(a INT ARRAY)", "SUCCESS", null),
                Arguments.of("CREATE TABLE t(a ROW(x INT), m MAP<VARCHAR, INT>)", "SUCCESS", null),
                Arguments.of("CREATE TABLE t(m MAP<INT, INT>)", "SQL_ERROR", "Unsupported"),
                Arguments.of("CREATE TABLE t(a INT, a INT)", "SQL_ERROR", "DuplicateName"),
                Arguments.of("CREATE TABLE s.t(a INT)", "SQL_ERROR", "InvalidSql"),
                Arguments.of("CREATE VIEW v(x) AS SELECT 1, 2", "SQL_ERROR", "InvalidSql"),
                Arguments.of("SELECT 1", "SQL_ERROR", "Unsupported"),
                Arguments.of("CREATE TABLE t AS SELECT 1", "SQL_ERROR", "Unsupported"),
                Arguments.of(t + "CREATE VIEW v AS SELECT a FROM t WHERE a", "SQL_ERROR", "TypeError"),
                Arguments.of(t + "CREATE VIEW v AS SELECT * FROM t WHERE a = ?", "SQL_ERROR", "Unsupported"),
                Arguments.of(t + "CREATE VIEW v AS SELECT CURRENT_TIMESTAMP FROM t", "SQL_ERROR", "Unsupported"),
                Arguments.of(t + "CREATE VIEW v AS SELECT * FROM UNNEST(ARRAY[1,2])", "SUCCESS", null),
                Arguments.of(t + "CREATE VIEW v AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r"
                        + " WHERE n < 3) SELECT * FROM r", "SUCCESS", null),
                Arguments.of(t + "CREATE VIEW v AS SELECT * FROM t, LATERAL (SELECT a) x", "SUCCESS", null),
                Arguments.of(t + "CREATE VIEW v AS SELECT (SELECT a FROM t) FROM t", "SUCCESS", null));
    }

    @ParameterizedTest
    @MethodSource("programs")
    void compileNeverThrows(String program, String status, String code) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.status()).isEqualTo(ProgramStatus.valueOf(status));
        if (code != null) {
            assertThat(result.diagnostics()).extracting(Diagnostic::code).contains(code);
        }
        for (Diagnostic d : result.diagnostics()) {
            assertThat(d.range().startLine()).isLessThanOrEqualTo(d.range().endLine());
            assertThat(d.message()).isNotBlank().doesNotContain("\tat ");
        }
    }
}
