package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.SourceRange;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.ColumnDefault;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CREATE TABLE takes FOREIGN KEY, CHECK and UNIQUE (not enforced: warnings at the keyword) and DEFAULT (a constant,
 * evaluated once when the program compiles); the primary key reaches the circuit.
 */
class TableConstraintsTest {
    private final SqlCompiler compiler = new SqlCompiler();

    private CompilationResult compile(String sql) {
        return compiler.compile(sql);
    }

    @Test
    void foreignKeysChecksAndUniquesCompileWithANotEnforcedWarningEach() {
        CompilationResult r = compile("""
                CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(40) UNIQUE, age INT CHECK (age >= 0 AND age < 200));
                CREATE TABLE orders (
                  id INT NOT NULL,
                  customer INT REFERENCES customers(id) ON DELETE CASCADE,
                  note VARCHAR(10) CONSTRAINT short CHECK (note <> 'x, y)'),
                  CONSTRAINT fk FOREIGN KEY (customer) REFERENCES customers (id),
                  UNIQUE (note),
                  CHECK (id > 0),
                  PRIMARY KEY (id)
                );
                CREATE TABLE lines (CONSTRAINT c CHECK (n > 0), n INT);
                CREATE VIEW v AS SELECT o.id, c.email FROM orders o JOIN customers c ON o.customer = c.id;
                """);
        assertThat(r.status()).as(r.diagnostics().toString()).isEqualTo(ProgramStatus.SUCCESS);
        assertThat(r.diagnostics()).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(d.code()).isEqualTo("NotEnforced");
        });
        assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "UNIQUE is accepted but not enforced", "CHECK is accepted but not enforced",
                "FOREIGN KEY is accepted but not enforced", "CHECK is accepted but not enforced",
                "FOREIGN KEY is accepted but not enforced", "UNIQUE is accepted but not enforced",
                "CHECK is accepted but not enforced", "CHECK is accepted but not enforced");
        assertThat(r.diagnostics().get(2).range()).isEqualTo(new SourceRange(4, 16, 4, 25));
        assertThat(r.diagnostics().get(4).range()).isEqualTo(new SourceRange(6, 17, 6, 23));
        CircuitDefinition def = r.artifact().definition();
        assertThat(def.tableKey("orders")).containsExactly(0);
        assertThat(def.tableKey("customers")).containsExactly(0);
        assertThat(def.tableKey("lines")).isEmpty();
        assertThat(r.schema().tables().get(1).columns()).extracting(c -> c.name().toLowerCase())
                .containsExactly("id", "customer", "note");
    }

    @Test
    void defaultsAreConstantsOfTheColumnTypeEvaluatedWhenTheProgramCompiles() {
        CompilationResult r = compile("""
                CREATE TABLE t (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 1 + 2, price DECIMAL(6, 2) DEFAULT 9.5,
                  tag CHAR(3) DEFAULT 'a', due DATE DEFAULT DATE '2026-01-31', note VARCHAR DEFAULT NULL, other INT);
                """);
        assertThat(r.status()).as(r.diagnostics().toString()).isEqualTo(ProgramStatus.SUCCESS);
        ColumnDefault[] d = r.artifact().definition().tableDefaults("t");
        assertThat(Arrays.asList(d)).containsExactly(null, new ColumnDefault(3L), new ColumnDefault(new BigDecimal("9.50")),
                new ColumnDefault("a  "), new ColumnDefault(LocalDate.of(2026, 1, 31)), new ColumnDefault(null), null);
    }

    @Test
    void aDefaultThatIsNoConstantOfTheColumnTypeIsAnErrorAtTheExpression() {
        assertError("CREATE TABLE t (a INT, b INT DEFAULT a + 1);", "DEFAULT of column b must be a constant", 1, 38);
        assertError("CREATE TABLE t (a INT NOT NULL DEFAULT NULL);", "is NULL, but the column is NOT NULL", 1, 40);
        assertError("CREATE TABLE t (a INT DEFAULT 'abc');", "DEFAULT of column a", 1, 31);
        assertError("CREATE TABLE t (a SMALLINT DEFAULT 100000);", "DEFAULT of column a", 1, 36);
    }

    private void assertError(String sql, String message, int line, int column) {
        CompilationResult r = compile(sql);
        assertThat(r.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        List<Diagnostic> errors = r.diagnostics().stream().filter(x -> x.severity() == Diagnostic.Severity.ERROR).toList();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.message()).contains(message);
            assertThat(e.range().startLine()).isEqualTo(line);
            assertThat(e.range().startColumn()).isEqualTo(column);
        });
    }
}
