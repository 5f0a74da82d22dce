package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compile errors a user can act on: unterminated strings at the opening quote, "did you mean" for unknown
 * names, a hint to quote reserved words, and never a planner or Java class name in a message.
 */
class DiagnosticHintsTest {

    private static final String T = "CREATE TABLE orders(id INT, amount DECIMAL(10, 2), customer VARCHAR(20), ts TIMESTAMP);\n";

    private static Diagnostic error(String program) {
        CompilationResult r = new SqlCompiler().compile(program);
        assertThat(r.status()).as("status of %s", program).isEqualTo(ProgramStatus.SQL_ERROR);
        assertThat(r.diagnostics()).hasSize(1);
        return r.diagnostics().get(0);
    }

    @Test
    void unterminatedStringIsReportedAtItsOpeningQuote() {
        Diagnostic d = error(T + "CREATE VIEW v AS SELECT id FROM orders\n  WHERE customer = 'bob;\nCREATE VIEW w AS SELECT 1;");
        assertThat(d.code()).isEqualTo(DiagnosticCodes.SYNTAX_ERROR);
        assertThat(d.message()).startsWith("unterminated string literal").contains("line 3, column 20");
        assertThat(d.range()).isEqualTo(new SourceRange(3, 20, 3, 20));
        // Quotes inside comments, doubled quotes and quoted identifiers do not confuse it.
        Diagnostic later = error(T + "-- it's here\nCREATE VIEW v AS SELECT 'it''s', \"id\" FROM orders WHERE customer = 'x");
        assertThat(later.range()).isEqualTo(new SourceRange(3, 68, 3, 68));
        assertThat(later.message()).startsWith("unterminated string literal");
    }

    static Stream<Arguments> misspelled() {
        return Stream.of(
                Arguments.of("SELECT amout FROM orders", DiagnosticCodes.UNKNOWN_COLUMN, "did you mean `amount`?"),
                Arguments.of("SELECT o.amonut FROM orders o", DiagnosticCodes.UNKNOWN_COLUMN, "did you mean `amount`?"),
                Arguments.of("SELECT id FROM orders WHERE custmer = 'a'", DiagnosticCodes.UNKNOWN_COLUMN,
                        "did you mean `customer`?"),
                Arguments.of("SELECT SUMM(amount) FROM orders", DiagnosticCodes.UNKNOWN_FUNCTION, "did you mean `SUM`?"),
                Arguments.of("SELECT uper(customer) FROM orders", DiagnosticCodes.UNKNOWN_FUNCTION,
                        "did you mean `UPPER`?"),
                Arguments.of("SELECT DATE_TRNC('day', ts) FROM orders", DiagnosticCodes.UNKNOWN_FUNCTION,
                        "did you mean `DATE_TRUNC`?"),
                Arguments.of("SELECT id FROM ordres", DiagnosticCodes.UNKNOWN_TABLE, "did you mean `orders`?"));
    }

    @ParameterizedTest
    @MethodSource("misspelled")
    void unknownNamesSuggestTheClosestName(String query, String code, String hint) {
        Diagnostic d = error(T + "CREATE VIEW v AS " + query + ";");
        assertThat(d.code()).isEqualTo(code);
        assertThat(d.message()).endsWith(hint);
        assertThat(d.range().startLine()).isEqualTo(2);
    }

    @Test
    void positionsAfterRegexOperatorsAreThoseOfTheTextAsWritten() {
        // ~ and !~* are rewritten before parsing (longer); errors after them still point at the text as written.
        Diagnostic d = error(T + "CREATE VIEW v AS SELECT customer ~ 'a', customer !~* 'b', amout FROM orders;");
        assertThat(d.message()).endsWith("did you mean `amount`?");
        assertThat(d.range()).isEqualTo(new SourceRange(2, 59, 2, 63));
        Diagnostic syntax = error(T + "CREATE VIEW v AS SELECT customer ~ 'a' FROM FROM orders;");
        assertThat(syntax.range().startColumn()).isEqualTo(45);
        Diagnostic type = error(T + "CREATE VIEW v AS SELECT id ~ 'a' FROM orders;");
        assertThat(type.range().startColumn()).isEqualTo(25);
    }

    @Test
    void farAwayNamesGetNoSuggestion() {
        assertThat(error(T + "CREATE VIEW v AS SELECT xyzzy FROM orders;").message()).doesNotContain("did you mean");
        assertThat(NameHints.distance("amonut", "amount")).isEqualTo(1);
        assertThat(NameHints.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NameHints.closest("a", List.of("b", "c"))).isNull();
    }

    static Stream<Arguments> reserved() {
        return Stream.of(
                Arguments.of("CREATE TABLE user(id INT);", "user", new SourceRange(1, 14, 1, 17)),
                Arguments.of("CREATE TABLE t(id INT, select INT);", "select", new SourceRange(1, 24, 1, 29)),
                Arguments.of("CREATE TABLE t(id INT, user INT);", "user", new SourceRange(1, 24, 1, 27)),
                Arguments.of(T + "CREATE VIEW v AS SELECT id AS from FROM orders;", "from", new SourceRange(2, 31, 2, 34)),
                Arguments.of(T + "CREATE VIEW order AS SELECT id FROM orders;", "order", new SourceRange(2, 13, 2, 17)));
    }

    @ParameterizedTest
    @MethodSource("reserved")
    void reservedWordsAsNamesGetAHintToQuoteThem(String program, String word, SourceRange range) {
        Diagnostic d = error(program);
        assertThat(d.code()).isEqualTo(DiagnosticCodes.SYNTAX_ERROR);
        assertThat(d.message()).contains("\"" + word + "\" is a reserved word").contains("double quotes: \"" + word + "\"");
        assertThat(d.range()).isEqualTo(range);
        // The hint works: quoted, the name is accepted.
        String quoted = program.replace(" " + word + "(", " \"" + word + "\"(").replace(" " + word + " ", " \"" + word + "\" ");
        assertThat(new SqlCompiler().compile(quoted).diagnostics()).isEmpty();
    }

    @Test
    void aReservedWordReadAsSqlFunctionSaysHowToNameTheColumn() {
        Diagnostic d = error("CREATE TABLE t(id INT, \"user\" VARCHAR(5));\nCREATE VIEW v AS SELECT id, user FROM t;");
        assertThat(d.message()).contains("USER is SQL's built-in user function").contains("double quotes: \"user\"");
        assertThat(d.range().startLine()).isEqualTo(2);
        assertThat(new SqlCompiler().compile("CREATE TABLE t(id INT, \"user\" VARCHAR(5));\n"
                + "CREATE VIEW v AS SELECT id, \"user\" FROM t;").diagnostics()).isEmpty();
    }

    /** Planner, Calcite and Java class names that must never reach a user. */
    private static final Pattern INTERNAL_NAMES = Pattern.compile(
            "Logical[A-Z]\\w*|Enumerable[A-Z]\\w*|\\bRel[A-Z]\\w*|\\bRex[A-Z]\\w*|RecordType\\(|\\bSql[A-Z][a-z]\\w*"
                    + "|org\\.apache|java\\.|calcite|\\w+Exception|\\$[0-9]|\\$cor[0-9]|EXPR\\$");

    static Stream<String> badPrograms() {
        List<String> views = List.of(
                "SELECT * FROM TABLE(foo(1))",
                "SELECT * FROM orders MATCH_RECOGNIZE (ORDER BY id MEASURES A.id AS x PATTERN (A) DEFINE A AS A.id > 0)",
                "SELECT * FROM orders TABLESAMPLE BERNOULLI(50)",
                "SELECT id FROM orders WHERE id > ?",
                "SELECT RAND() FROM orders",
                "SELECT CURRENT_USER FROM orders",
                "SELECT MAP(SELECT id, customer FROM orders)",
                "SELECT ELEMENT(ARRAY[id]) FROM orders",
                "SELECT MULTISET[id] FROM orders",
                "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY amount) FROM orders",
                "SELECT COLLECT(id) FROM orders",
                "SELECT id FROM orders FOR UPDATE",
                "SELECT TO_CHAR(ts, 'WW') FROM orders",
                "SELECT TO_CHAR(amount, '999') FROM orders",
                "SELECT DATE_TRUNC(ts) FROM orders",
                "SELECT REGEXP_REPLACE(customer) FROM orders",
                "SELECT id = TRUE FROM orders",
                "SELECT customer + 1 FROM orders",
                "SELECT * FROM orders NATURAL JOIN nope",
                "SELECT amout, custmer FROM orders",
                "SELECT id FROM orders GROUP BY customer",
                "SELECT SUM(SUM(amount)) FROM orders",
                "SELECT id FROM orders ORDER BY nope",
                "SELECT JSON_VALUE(customer, '$.a') FROM orders",
                "SELECT STRING_AGG(customer) FROM orders",
                "SELECT 'abc");
        List<String> programs = new ArrayList<>();
        for (String v : views) {
            programs.add(T + "CREATE VIEW v AS " + v + ";");
        }
        programs.add("CREATE TABLE t(a INT, b FOO)");
        programs.add("CREATE TABLE t(a INT) WITH ('x' = 'y')");
        programs.add("CREATE TABLE t(a INT);\nCREATE VIEW v AS SELECT * FROM t, LATERAL TABLE(bar(a));");
        programs.add("CREATE VIEW v AS SELECT 1 FROM t;");
        return programs.stream();
    }

    @ParameterizedTest
    @MethodSource("badPrograms")
    void noPlannerOrJavaClassNamesInMessages(String program) {
        CompilationResult r = new SqlCompiler().compile(program);
        assertThat(r.status()).as("status of %s: %s", program, r.diagnostics()).isEqualTo(ProgramStatus.SQL_ERROR);
        for (Diagnostic d : r.diagnostics()) {
            assertThat(INTERNAL_NAMES.matcher(d.message()).find()).as("message of %s: %s", program, d.message())
                    .isFalse();
            assertThat(d.range()).as("range of %s", program).isNotEqualTo(SourceRange.UNKNOWN);
        }
    }

    @Test
    void snapshotQueriesGetTheSameHints() {
        List<ProgramSchema.Relation> readable = List.of(new ProgramSchema.Relation("orders",
                List.of(new ProgramSchema.Column("amount", "DECIMAL(10, 2)", true)), List.of(), false));
        try {
            SqlCompiler.compileQuery(readable, "SELECT amout FROM orders");
            throw new AssertionError("compiled");
        } catch (CompileException e) {
            assertThat(e.diagnostic().message()).endsWith("did you mean `amount`?");
        }
    }
}
