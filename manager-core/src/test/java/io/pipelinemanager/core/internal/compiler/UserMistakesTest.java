package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes a user makes are SQL_ERRORs with a position and a plain message — never a SYSTEM_ERROR, an
 * internal compiler error or a message naming Java or planner classes. The rows marked "was SYSTEM_ERROR"
 * came back as internal compiler errors before.
 */
class UserMistakesTest {

    private static final String T = "CREATE TABLE t(a INT, b VARCHAR(10), d DECIMAL(10, 2), ts TIMESTAMP);\n";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // Types in tables.
                Arguments.of("CREATE TABLE x(a DECIMAL(0, 0))", "TypeError", 1),
                Arguments.of("CREATE TABLE x(a DECIMAL(5, 10))", "TypeError", 1), // was SYSTEM_ERROR
                Arguments.of("CREATE TABLE x(a DECIMAL(1000, 2))", "TypeError", 1), // was silently DECIMAL(38, 2)
                Arguments.of("CREATE TABLE x(a DECIMAL(38, 39))", "TypeError", 1), // was SYSTEM_ERROR
                Arguments.of("CREATE TABLE x(a NUMERIC(0))", "TypeError", 1),
                Arguments.of("CREATE TABLE x(a VARCHAR(0))", "TypeError", 1), // was accepted
                Arguments.of("CREATE TABLE x(a CHAR(0))", "TypeError", 1), // was accepted
                Arguments.of("CREATE TABLE x(a FOOBAR)", "TypeError", 1),
                Arguments.of("CREATE TABLE x(a VARCHAR(99999999999))", "SyntaxError", 1),
                Arguments.of("CREATE TABLE x(a INT, A INT)", "DuplicateName", 1),
                Arguments.of("CREATE TABLE x(a INT GENERATED ALWAYS AS (1) VIRTUAL)", "Unsupported", 1),
                Arguments.of("CREATE TABLE select(a INT)", "SyntaxError", 1),
                // Casts.
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS DECIMAL(0, 0)) FROM t", "TypeError", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS DECIMAL(5, 10)) FROM t", "TypeError", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS DECIMAL(1000, 2)) FROM t", "TypeError", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(1.5 AS DECIMAL(2, 5)) FROM t", "TypeError", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS DECIMAL(38, 39)) FROM t", "TypeError", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS NUMERIC(0)) FROM t", "TypeError", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST('1' AS DECIMAL(1000, 999)) FROM t", "TypeError", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS VARCHAR(0)) FROM t", "TypeError", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(a AS FOOBAR) FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT CAST(ts AS BOOLEAN) FROM t", "TypeError", 2),
                // Aggregates, grouping, windows.
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t WHERE SUM(a) > 1", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT SUM(MAX(a)) FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t GROUP BY 5", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a, b FROM t GROUP BY a", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT ROW_NUMBER() FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t WHERE ROW_NUMBER() OVER (ORDER BY a) > 1", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT SUM(a) OVER (ORDER BY a ROWS 'x' PRECEDING) FROM t",
                        "InvalidSql", 2), // was SYSTEM_ERROR
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t WINDOW w AS (ORDER BY a), w AS (ORDER BY b)",
                        "InvalidSql", 2),
                // Set operations, functions, ordering, limits.
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t UNION SELECT a, b FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT ABS(a, a) FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT NOSUCHFN(a) FROM t", "UnknownFunction", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t ORDER BY zz", "UnknownColumn", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t LIMIT -1", "SyntaxError", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t LIMIT 'x'", "SyntaxError", 2),
                // Literals, intervals, patterns.
                Arguments.of(T + "CREATE VIEW v AS SELECT 99999999999999999999999999999999999999999 FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT INTERVAL '1' DAY + INTERVAL '1' MONTH FROM t", "TypeError", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT INTERVAL 'abc' DAY FROM t", "InvalidSql", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT ts + 1 FROM t", "TypeError", 2),
                Arguments.of(T + "CREATE VIEW v AS SELECT a FROM t WHERE b LIKE 'a' ESCAPE 'xy'", "InvalidSql", 2)); // was SYSTEM_ERROR
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aUserMistakeIsAPositionedSqlError(String program, String code, int line) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.status()).as("%s", result.diagnostics()).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(code);
        Diagnostic d = result.diagnostics().get(0);
        assertThat(d.range().startLine()).as("line of %s", d).isEqualTo(line);
        assertThat(d.range().startColumn()).as("column of %s", d).isPositive();
        assertThat(d.message()).isNotBlank().doesNotContainIgnoringCase("exception").doesNotContain("java.")
                .doesNotContain("org.apache").doesNotContainIgnoringCase("calcite").doesNotContain("internal compiler");
    }
}
