package io.pipelinemanager.core.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helper: compiles a program, feeds steps of inserts/deletes and keeps every view's integrated contents. */
final class ProgramRunner {

    private final Circuit circuit;
    private final Map<String, ZSetBuilder> views = new HashMap<>();

    ProgramRunner(String program) {
        this(program, java.time.Clock.systemUTC());
    }

    /** A runner whose circuit reads {@code NOW()} from {@code clock}. */
    ProgramRunner(String program, java.time.Clock clock) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.diagnostics()).as("diagnostics").isEmpty();
        assertThat(result.status()).isEqualTo(ProgramStatus.SUCCESS);
        circuit = result.artifact().newCircuit(clock);
        circuit.initialContents().forEach((view, contents) ->
                views.computeIfAbsent(view, v -> new ZSetBuilder()).addAll(contents, 1));
    }

    /** The circuit (for counters and state). */
    Circuit circuit() {
        return circuit;
    }

    /** Starts a step. */
    Step step() {
        return new Step();
    }

    /** The integrated contents of a view as a bag (row → weight). */
    Map<Row, Long> view(String name) {
        ZSetBuilder b = views.get(name);
        return b == null ? Map.of() : b.build().toMap();
    }

    /** A bag from rows (each with weight 1, repeated rows add up). */
    static Map<Row, Long> bag(Row... rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (Row r : rows) {
            b.add(r, 1);
        }
        return b.build().toMap();
    }

    /**
     * Asserts that {@code program} fails to compile and that its first diagnostic has {@code code}, a message
     * containing {@code message} and starts at {@code line}:{@code column}.
     */
    static void assertError(String program, String code, int line, int column, String message) {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.status()).as(program).isEqualTo(ProgramStatus.SQL_ERROR);
        io.pipelinemanager.core.api.Diagnostic d = result.diagnostics().get(0);
        assertThat(d.code()).as(d.toString()).isEqualTo(code);
        assertThat(d.message()).contains(message);
        assertThat(d.range().startLine()).as(d.toString()).isEqualTo(line);
        assertThat(d.range().startColumn()).as(d.toString()).isEqualTo(column);
    }

    /** A row of engine values. */
    static Row row(Object... values) {
        return Rows.of(values);
    }

    /** One batch of changes. */
    final class Step {
        private final Map<String, ZSetBuilder> changes = new HashMap<>();

        Step insert(String table, Row... rows) {
            return change(table, 1, rows);
        }

        Step delete(String table, Row... rows) {
            return change(table, -1, rows);
        }

        private Step change(String table, long weight, Row... rows) {
            ZSetBuilder b = changes.computeIfAbsent(table, t -> new ZSetBuilder());
            for (Row r : List.of(rows)) {
                b.add(r, weight);
            }
            return this;
        }

        /** Applies the batch and integrates the view deltas. */
        ProgramRunner run() {
            Map<String, ZSet> inputs = new HashMap<>();
            changes.forEach((t, b) -> inputs.put(t, b.build()));
            circuit.step(inputs).forEach((view, delta) ->
                    views.computeIfAbsent(view, v -> new ZSetBuilder()).addAll(delta, 1));
            return ProgramRunner.this;
        }
    }
}
