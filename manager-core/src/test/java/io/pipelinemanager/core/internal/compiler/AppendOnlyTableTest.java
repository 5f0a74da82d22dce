package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.assertError;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.checkpoint.CircuitStateCodec;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Append-only tables ({@code WITH ('append_only' = 'true')}, Feldera's table option): they take inserts only, keep
 * no rows, and every view over them equals the view over the same table without the option; the circuit's state is
 * smaller by the table's rows; bad options are compile errors at their position.
 */
class AppendOnlyTableTest {

    private static final String VIEWS = """
            CREATE TABLE u (id BIGINT NOT NULL, g BIGINT);
            CREATE VIEW per_group AS SELECT g, COUNT(*) AS n, SUM(v) AS s, MAX(v) AS m FROM t GROUP BY g;
            CREATE MATERIALIZED VIEW joined AS SELECT t.id, t.v, u.id AS uid FROM t JOIN u ON t.g = u.g;
            CREATE VIEW kinds AS SELECT DISTINCT g FROM t WHERE v > 10;
            CREATE VIEW big AS SELECT id, v * 2 AS w FROM t WHERE v > 50;
            """;

    private static String program(String options) {
        return "CREATE TABLE t (id BIGINT NOT NULL, g BIGINT, v BIGINT)" + options + ";\n" + VIEWS;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void viewsEqualThoseOverTheSameTableThatKeepsItsRows(long seed) {
        Circuit appendOnly = compile(program(" WITH ('append_only' = 'true')")).artifact().newCircuit();
        Circuit keeping = compile(program("")).artifact().newCircuit();
        Random random = new Random(seed);
        Map<String, ZSetBuilder> a = new HashMap<>();
        Map<String, ZSetBuilder> b = new HashMap<>();
        long id = 0;
        for (int step = 0; step < 60; step++) {
            ZSetBuilder t = new ZSetBuilder();
            for (int i = 0; i < 40; i++) {
                t.add(row(id++, (long) random.nextInt(12), (long) random.nextInt(100)), 1 + random.nextInt(2));
            }
            ZSetBuilder u = new ZSetBuilder();
            if (step % 5 == 0) {
                u.add(row((long) step, (long) random.nextInt(12)), 1);
            }
            Map<String, ZSet> in = Map.of("t", t.build(), "u", u.build());
            appendOnly.step(in).forEach((v, d) -> a.computeIfAbsent(v, x -> new ZSetBuilder()).addAll(d, 1));
            keeping.step(in).forEach((v, d) -> b.computeIfAbsent(v, x -> new ZSetBuilder()).addAll(d, 1));
        }
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((view, contents) -> assertThat(contents.build().toMap()).as(view).isEqualTo(b.get(view).build().toMap())
                .isNotEmpty());
        assertThat(appendOnly.snapshot("joined").toMap()).isEqualTo(keeping.snapshot("joined").toMap());
        // the 2 400 rows of t are not kept
        assertThat(keeping.snapshot("t").size()).isEqualTo(2_400);
        assertThatThrownBy(() -> appendOnly.snapshot("t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(appendOnly.estimatedStateBytes()).isLessThan(keeping.estimatedStateBytes() - 2_400L * 24);
    }

    @Test
    void deletesAreRefusedAndChangeNothing() {
        Circuit c = compile(program(" WITH ('append_only' = 'true')")).artifact().newCircuit();
        c.step(Map.of("t", zset(row(1L, 1L, 5L), row(2L, 1L, 7L))));
        ZSetBuilder delete = new ZSetBuilder();
        delete.add(row(1L, 1L, 5L), -1);
        assertThatThrownBy(() -> c.step(Map.of("t", delete.build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("append-only");
        Map<String, ZSet> next = c.step(Map.of("t", zset(row(3L, 1L, 1L))));
        assertThat(next.get("per_group").toMap()).isEqualTo(Map.of(row(1L, 2L, 12L, 7L), -1L, row(1L, 3L, 13L, 7L), 1L));
    }

    @Test
    void aCheckpointRoundTripsWithoutTheTable() throws Exception {
        CompilationResult compiled = compile(program(" WITH ('append_only' = 'true')"));
        CircuitDefinition def = compiled.artifact().definition();
        assertThat(def.tableAppendOnly("t")).isTrue();
        assertThat(def.tableAppendOnly("u")).isFalse();
        Circuit original = compiled.artifact().newCircuit();
        original.step(Map.of("t", zset(row(1L, 1L, 5L), row(2L, 2L, 70L)), "u", zset(row(9L, 2L))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CircuitStateCodec.write(original.captureState(), bytes);
        Circuit restored = def.instantiate(CircuitStateCodec.read(def, new ByteArrayInputStream(bytes.toByteArray())));
        Map<String, ZSet> in = Map.of("t", zset(row(3L, 2L, 80L)));
        Map<String, ZSet> fromRestored = restored.step(in);
        original.step(in).forEach((view, delta) ->
                assertThat(fromRestored.get(view).toMap()).as(view).isEqualTo(delta.toMap()));
        assertThat(restored.snapshot("joined").toMap()).isEqualTo(original.snapshot("joined").toMap());
    }

    @Test
    void theSchemaSaysWhichTablesAreAppendOnly() {
        ProgramSchema schema = compile("""
                CREATE TABLE t (id BIGINT) WITH ('append_only' = 'true');
                CREATE TABLE u (id BIGINT) WITH ('append_only'='false');
                CREATE TABLE w (id BIGINT) WITH (
                  'append_only' = 'true'
                );
                CREATE VIEW v AS SELECT t.id FROM t JOIN u ON t.id = u.id JOIN w ON w.id = t.id;
                """).schema();
        assertThat(schema.tables()).extracting(ProgramSchema.Relation::appendOnly).containsExactly(true, false, true);
        assertThat(schema.views()).extracting(ProgramSchema.Relation::appendOnly).containsExactly(false);
    }

    @Test
    void badOptionsAreErrorsWhereTheyAre() {
        assertError("CREATE TABLE t (id INT) WITH ('materialised' = 'true')", "Unsupported", 1, 31, "unknown table option");
        assertError("CREATE TABLE t (id INT) WITH ('append_only' = 'yes')", "InvalidSql", 1, 31, "'true' or 'false'");
        assertError("CREATE TABLE t (id INT)\n  WITH ('append_only' = 'true', 'append_only' = 'false')", "InvalidSql",
                2, 33, "given twice");
        assertError("CREATE TABLE t (id INT PRIMARY KEY) WITH ('append_only' = 'true')", "InvalidSql", 1, 43,
                "PRIMARY KEY");
        assertError("CREATE TABLE t (id INT, PRIMARY KEY (id)) WITH ('append_only' = 'true')", "InvalidSql", 1, 49,
                "PRIMARY KEY");
        assertError("CREATE TABLE t (id INT) WITH (append_only = true)", "SyntaxError", 1, 25, "'key' = 'value'");
        assertError("CREATE TABLE t (id INT) WITH ()", "SyntaxError", 1, 25, "'key' = 'value'");
        assertError("CREATE TABLE t (id INT) WITH ('append_only' = 'true' 'x' = 'y')", "SyntaxError", 1, 25,
                "'key' = 'value'");
    }

    private static CompilationResult compile(String program) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.diagnostics()).as("diagnostics").isEmpty();
        return result;
    }

    private static ZSet zset(Row... rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (Row r : rows) {
            b.add(r, 1);
        }
        return b.build();
    }
}
