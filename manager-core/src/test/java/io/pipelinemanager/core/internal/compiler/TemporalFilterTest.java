package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.OperatorCounters;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.testing.ManualClock;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NOW() in temporal filters, driven by a clock the test controls. PostgreSQL has no incremental equivalent,
 * so the answers are computed by hand: at every step a view holds the rows the WHERE clause accepts at that
 * step's time.
 */
class TemporalFilterTest {

    private static final String PROGRAM = """
            CREATE TABLE t (id INT NOT NULL, v INT, ts TIMESTAMP);
            CREATE VIEW recent AS SELECT id, ts FROM t WHERE ts > NOW() - INTERVAL '1' HOUR;
            CREATE VIEW due AS SELECT id FROM t WHERE ts <= NOW();
            CREATE VIEW win AS SELECT id FROM t WHERE ts BETWEEN NOW() - INTERVAL '10' MINUTE AND NOW() AND id > 1;
            CREATE VIEW cnt AS SELECT COUNT(*) AS n FROM t WHERE CURRENT_TIMESTAMP - INTERVAL '30' MINUTE <= ts;
            """;

    private static LocalDateTime at(int hour, int minute) {
        return LocalDateTime.of(2025, 5, 1, hour, minute);
    }

    private static io.pipelinemanager.core.internal.engine.zset.Row r(long id, int hour, int minute) {
        return row(id, 1L, at(hour, minute));
    }

    @Test
    void rowsEnterAndLeaveViewsAsTheClockAdvances() {
        ManualClock clock = new ManualClock(at(12, 0));
        ProgramRunner p = new ProgramRunner(PROGRAM, clock);
        p.step().insert("t", r(1, 11, 0), r(2, 11, 30), r(3, 11, 55), r(4, 12, 30), row(5L, 1L, null)).run();
        // now 12:00: recent > 11:00, due <= 12:00, win in [11:50, 12:00], cnt >= 11:30
        assertThat(p.view("recent")).isEqualTo(bag(row(2L, at(11, 30)), row(3L, at(11, 55)), row(4L, at(12, 30))));
        assertThat(p.view("due")).isEqualTo(bag(row(1L), row(2L), row(3L)));
        assertThat(p.view("win")).isEqualTo(bag(row(3L)));
        assertThat(p.view("cnt")).isEqualTo(bag(row(3L)));

        clock.set(at(12, 20));
        p.step().run(); // no input: time alone changes the views
        assertThat(p.view("recent")).isEqualTo(bag(row(2L, at(11, 30)), row(3L, at(11, 55)), row(4L, at(12, 30))));
        assertThat(p.view("due")).isEqualTo(bag(row(1L), row(2L), row(3L)));
        assertThat(p.view("win")).isEqualTo(bag());
        assertThat(p.view("cnt")).isEqualTo(bag(row(2L)));

        clock.set(at(12, 35));
        p.step().delete("t", r(3, 11, 55)).insert("t", r(6, 12, 0)).run();
        assertThat(p.view("recent")).isEqualTo(bag(row(4L, at(12, 30)), row(6L, at(12, 0))));
        assertThat(p.view("due")).isEqualTo(bag(row(1L), row(2L), row(4L), row(6L)));
        assertThat(p.view("win")).isEqualTo(bag(row(4L)));
        assertThat(p.view("cnt")).isEqualTo(bag(row(1L)));

        // Time never goes back: a clock set earlier changes nothing.
        clock.set(at(12, 0));
        p.step().run();
        assertThat(p.view("due")).isEqualTo(bag(row(1L), row(2L), row(4L), row(6L)));
        assertThat(p.view("cnt")).isEqualTo(bag(row(1L)));

        clock.set(at(14, 0));
        p.step().delete("t", r(4, 12, 30)).run(); // a delete of a row that already left "recent"
        assertThat(p.view("recent")).isEqualTo(bag());
        assertThat(p.view("due")).isEqualTo(bag(row(1L), row(2L), row(6L)));
        assertThat(p.view("cnt")).isEqualTo(bag(row(0L)));
        // Rows that can never come back are dropped from the filters' state: "recent" and "cnt" hold nothing,
        // "due" holds nothing either (every row is due and can only be deleted: it stays only in the table).
        assertThat(temporalState(p.circuit(), "recent")).isZero();
        assertThat(temporalState(p.circuit(), "cnt")).isZero();
    }

    @Test
    void aSnapshotOfTheSameTextEvaluatesNowAtQueryTime() throws CompileException {
        ManualClock clock = new ManualClock(at(12, 0));
        ProgramRunner p = new ProgramRunner(PROGRAM, clock);
        p.step().insert("t", r(1, 11, 0), r(2, 11, 30)).run();
        CompiledQuery q = SqlCompiler.compileQuery(new SqlCompiler().compile(PROGRAM).artifact().schema().tables(),
                "SELECT id FROM t WHERE ts >= NOW() - INTERVAL '45' MINUTE");
        Map<String, ZSet> contents = Map.of("t", p.circuit().snapshot("t"));
        assertThat(q.definition().evaluate(contents, null, clock).get(q.view()).toMap()).isEqualTo(bag(row(2L)));
        clock.set(at(11, 40));
        assertThat(q.definition().evaluate(contents, null, clock).get(q.view()).toMap())
                .isEqualTo(bag(row(1L), row(2L)));
    }

    @Test
    void aFailedStepRollsBackTheFilterStateAndItsClock() {
        String program = """
                CREATE TABLE t (id INT NOT NULL, v INT, ts TIMESTAMP);
                CREATE VIEW q AS SELECT id, 100 / v AS x FROM t WHERE ts > NOW() - INTERVAL '1' HOUR AND ts <= NOW();
                """;
        ManualClock clock = new ManualClock(at(12, 0));
        Circuit a = new SqlCompiler().compile(program).artifact().newCircuit(clock);
        Circuit b = new SqlCompiler().compile(program).artifact().newCircuit(clock);
        Map<String, ZSet> first = Map.of("t", zset(row(1L, 5L, at(11, 30)), row(2L, 4L, at(12, 10))));
        assertThat(a.step(first)).isEqualTo(b.step(first));
        clock.set(at(13, 0));
        // 12:10 becomes due and row 3 divides by zero: the step fails and is rolled back
        assertThatThrownBy(() -> a.step(Map.of("t", zset(row(3L, 0L, at(12, 50))))))
                .isInstanceOf(CircuitStepException.class);
        clock.set(at(12, 20));
        Map<String, ZSet> next = Map.of("t", zset(row(4L, 2L, at(12, 15))));
        Map<String, ZSet> out = a.step(next);
        assertThat(out).isEqualTo(b.step(next));
        assertThat(out.get("q").toMap()).isEqualTo(bag(row(2L, 25L), row(4L, 50L)));
        assertThat(temporalState(a, "q")).isEqualTo(temporalState(b, "q")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT id, NOW() AS n FROM t", "SELECT id FROM t WHERE ts > NOW() OR id = 1",
            "SELECT id FROM t WHERE CAST(NOW() AS VARCHAR) > 'x'", "SELECT id FROM t WHERE ts = NOW()",
            "SELECT id FROM t WHERE ts > NOW() - INTERVAL '1' HOUR * v"})
    void otherUsesOfTheClockAreRefusedWhereTheyAreWritten(String query) {
        CompilationResult result = new SqlCompiler().compile("CREATE TABLE t (id INT NOT NULL, v INT, ts TIMESTAMP);\n"
                + "CREATE VIEW v AS " + query + ";");
        assertThat(result.status()).isEqualTo(ProgramStatus.SQL_ERROR);
        Diagnostic d = result.diagnostics().get(0);
        assertThat(d.message()).contains("NOW is only supported in a WHERE clause").contains("temporal filter");
        assertThat(d.range().startLine()).isEqualTo(2);
        assertThat(d.range().startColumn()).isEqualTo("CREATE VIEW v AS ".length() + query.indexOf("NOW") + 1);
    }

    static long temporalState(Circuit c, String view) {
        return c.counters().stream().filter(n -> n.kind().equals("TEMPORAL_FILTER") && n.views().contains(view))
                .mapToLong(OperatorCounters::stateSize).sum();
    }

    private static ZSet zset(io.pipelinemanager.core.internal.engine.zset.Row... rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (io.pipelinemanager.core.internal.engine.zset.Row x : rows) {
            b.add(x, 1);
        }
        return b.build();
    }
}
