package io.pipelinemanager.core.internal.compiler;

import static io.pipelinemanager.core.internal.compiler.ProgramRunner.assertError;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.bag;
import static io.pipelinemanager.core.internal.compiler.ProgramRunner.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.checkpoint.CircuitStateCodec;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.InputCounters;
import io.pipelinemanager.core.internal.engine.OperatorCounters;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code LATENESS} on table columns (Feldera's syntax): late changes are dropped and counted, the state of
 * aggregates grouped by the column (or by a window or a rounding of it) below the watermark is discarded so it
 * stays bounded on an endless stream, results equal those of the same program without LATENESS whenever nothing
 * is late, the watermark survives a checkpoint, and bad declarations are compile errors at their position.
 */
class LatenessTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    /** Views whose state LATENESS bounds (grouped by the column, a window of it, a rounding of it) and some it does not. */
    private static final String VIEWS = """
            CREATE VIEW per_ts AS SELECT ts, COUNT(*) AS n, SUM(v) AS s FROM t GROUP BY ts;
            CREATE VIEW tumbling AS SELECT window_start, window_end, COUNT(*) AS n, MAX(v) AS m
              FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE)) GROUP BY window_start, window_end;
            CREATE VIEW hopping AS SELECT g, window_start, SUM(v) AS s
              FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '15' MINUTE)) GROUP BY g, window_start;
            CREATE VIEW hourly AS SELECT FLOOR(ts TO HOUR) AS h, g, MIN(v) AS lo, COUNT(*) AS n FROM t
              WHERE v > 2 GROUP BY FLOOR(ts TO HOUR), g;
            CREATE VIEW truncated AS SELECT DATE_TRUNC('minute', ts + INTERVAL '30' SECOND) AS m, COUNT(*) AS n
              FROM t GROUP BY DATE_TRUNC('minute', ts + INTERVAL '30' SECOND);
            CREATE VIEW per_window_count AS SELECT n, COUNT(*) AS windows FROM tumbling GROUP BY n;
            CREATE VIEW per_group AS SELECT g, COUNT(*) AS n, SUM(v) AS s FROM t GROUP BY g;
            CREATE VIEW total AS SELECT COUNT(*) AS n, SUM(v) AS s FROM t;
            CREATE VIEW recent_pairs AS SELECT a.id, b.id AS other FROM t a JOIN u b ON a.g = b.g;
            """;

    private static String program(String latenessClause) {
        return "CREATE TABLE t (id INT NOT NULL, g INT, v INT, ts TIMESTAMP NOT NULL " + latenessClause + ");\n"
                + "CREATE TABLE u (id INT NOT NULL, g INT);\n" + VIEWS;
    }

    private static final String WITH = program("LATENESS INTERVAL '1' HOUR");
    private static final String WITHOUT = program("");

    private static LocalDateTime minutes(long m) {
        return T0.plusMinutes(m);
    }

    @Test
    void lateChangesAreDroppedAndCountedAndEarlierResultsStay() {
        ProgramRunner p = new ProgramRunner(WITH);
        p.step().insert("t", row(1L, 1L, 10L, minutes(0)), row(2L, 1L, 20L, minutes(150))).run();
        // watermark: 02:30 - 1 hour = 01:30; 01:00 is late, 01:45 is not
        p.step().insert("t", row(3L, 1L, 30L, minutes(60)), row(4L, 2L, 40L, minutes(105))).run();
        assertThat(p.view("total")).isEqualTo(bag(row(3L, 70L)));
        assertThat(p.view("per_ts")).isEqualTo(bag(row(minutes(0), 1L, 10L), row(minutes(150), 1L, 20L),
                row(minutes(105), 1L, 40L)));
        // a delete of a row below the watermark is late too: the row stays in every view
        p.step().delete("t", row(1L, 1L, 10L, minutes(0))).run();
        assertThat(p.view("total")).isEqualTo(bag(row(3L, 70L)));
        assertThat(p.circuit().inputCounters()).isEqualTo(Map.of("t", new InputCounters(0, 0, 2)));
        assertThat(p.circuit().snapshot("t").size()).isEqualTo(3);
        // a row at the watermark is on time; deleting a row above it works
        p.step().insert("t", row(5L, 2L, 1L, minutes(90))).delete("t", row(4L, 2L, 40L, minutes(105))).run();
        assertThat(p.view("total")).isEqualTo(bag(row(3L, 31L)));
        assertThat(p.circuit().watermarks()).isEqualTo(Map.of("t", minutes(90)));
    }

    @Test
    void aKeyedTableDropsChangesThatReplaceOrRemoveALateRow() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE k (id INT PRIMARY KEY, v INT, ts TIMESTAMP LATENESS INTERVAL '10' MINUTE);
                CREATE VIEW s AS SELECT FLOOR(ts TO HOUR) AS h, SUM(v) AS s FROM k GROUP BY FLOOR(ts TO HOUR);
                """);
        p.step().insert("k", row(1L, 1L, minutes(0)), row(2L, 2L, minutes(100))).run();
        // watermark 01:30: id 1 (00:00) can neither be replaced nor deleted; id 2 can; a NULL time is never late
        p.step().insert("k", row(1L, 5L, minutes(95))).run();
        p.step().delete("k", row(1L, null, null)).run();
        p.step().insert("k", row(2L, 7L, minutes(92)), row(3L, 4L, null)).run();
        assertThat(p.view("s")).isEqualTo(bag(row(minutes(0), 1L), row(minutes(60), 7L), row(null, 4L)));
        assertThat(p.circuit().inputCounters()).isEqualTo(Map.of("k", new InputCounters(0, 0, 2)));
    }

    /** Random inserts and deletes of rows that are never late: every view equals the one without LATENESS after every step. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void withoutLateRowsTheResultsEqualThoseWithoutLateness(long seed) {
        ProgramRunner with = new ProgramRunner(WITH);
        ProgramRunner without = new ProgramRunner(WITHOUT);
        Random r = new Random(seed);
        List<Row> live = new ArrayList<>();
        long max = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (int step = 0; step < 150; step++) {
            Map<String, ZSetBuilder> changes = new HashMap<>();
            long base = step * 3L;
            for (int i = r.nextInt(5); i > 0; i--) {
                long m = Math.max(watermark, base - r.nextInt(60));
                Row row = row((long) r.nextInt(1000), (long) r.nextInt(4), (long) r.nextInt(10), minutes(m));
                changes.computeIfAbsent("t", x -> new ZSetBuilder()).add(row, 1);
                live.add(row);
                max = Math.max(max, m);
            }
            for (int i = r.nextInt(3); i > 0 && !live.isEmpty(); i--) {
                Row victim = live.get(r.nextInt(live.size()));
                long m = java.time.Duration.between(T0, (LocalDateTime) victim.get(3)).toMinutes();
                if (m >= watermark && changes.getOrDefault("t", new ZSetBuilder()).weight(victim) <= 0) {
                    live.remove(victim);
                    changes.computeIfAbsent("t", x -> new ZSetBuilder()).add(victim, -1);
                }
            }
            if (r.nextInt(5) == 0) {
                changes.computeIfAbsent("u", x -> new ZSetBuilder()).add(row((long) step, (long) r.nextInt(4)), 1);
            }
            Map<String, ZSet> inputs = new HashMap<>();
            changes.forEach((t, b) -> inputs.put(t, b.build()));
            ProgramRunner.Step a = with.step();
            ProgramRunner.Step b = without.step();
            inputs.forEach((t, z) -> {
                for (int i = 0; i < z.size(); i++) {
                    for (long w = 0; w < Math.abs(z.weightAt(i)); w++) {
                        if (z.weightAt(i) > 0) {
                            a.insert(t, z.row(i));
                            b.insert(t, z.row(i));
                        } else {
                            a.delete(t, z.row(i));
                            b.delete(t, z.row(i));
                        }
                    }
                }
            });
            a.run();
            b.run();
            watermark = max == Long.MIN_VALUE ? watermark : Math.max(watermark, max - 60);
            for (String view : List.of("per_ts", "tumbling", "hopping", "hourly", "truncated", "per_window_count",
                    "per_group", "total", "recent_pairs")) {
                assertThat(with.view(view)).as("view %s at step %d", view, step).isEqualTo(without.view(view));
            }
        }
        assertThat(with.circuit().inputCounters()).as("nothing was late").isEmpty();
        assertThat(stateEntries(with.circuit())).as("state with LATENESS").isLessThan(stateEntries(without.circuit()));
    }

    /**
     * An endless stream in small steps (two rows each, out of order within the lateness, every fifth step also
     * deleting a recent row): with LATENESS the aggregates keyed by time keep a state of the same size whatever the
     * length of the stream; without, it grows with the stream.
     */
    @Test
    void stateStaysBoundedOnAnEndlessStream() {
        Map<Integer, Long> with = stream(WITH, 20_000);
        Map<Integer, Long> without = stream(WITHOUT, 20_000);
        System.out.println("LatenessTest state entries of the time-keyed views by step: with LATENESS " + with
                + ", without " + without);
        assertThat(with.get(20_000)).as("bounded: hardly larger after 20000 steps than after 2500")
                .isLessThanOrEqualTo(with.get(2_500) * 6 / 5).isLessThan(5_000);
        assertThat(without.get(20_000)).as("without LATENESS the state grows with the stream")
                .isGreaterThan(6 * without.get(2_500)).isGreaterThan(30L * with.get(20_000));
    }

    /** The state entries of the time-keyed views' operators at a few step counts (the largest seen up to then). */
    private static Map<Integer, Long> stream(String program, int steps) {
        CompilationResult compiled = new SqlCompiler().compile(program.replace(VIEWS, """
                CREATE VIEW per_ts AS SELECT ts, COUNT(*) AS n, SUM(v) AS s FROM t GROUP BY ts;
                CREATE VIEW tumbling AS SELECT window_start, window_end, COUNT(*) AS n, MAX(v) AS m
                  FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE)) GROUP BY window_start, window_end;
                CREATE VIEW hopping AS SELECT g, window_start, SUM(v) AS s
                  FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '15' MINUTE)) GROUP BY g, window_start;
                CREATE VIEW hourly AS SELECT FLOOR(ts TO HOUR) AS h, g, MIN(v) AS lo FROM t GROUP BY FLOOR(ts TO HOUR), g;
                CREATE VIEW per_window_count AS SELECT n, COUNT(*) AS windows FROM tumbling GROUP BY n;
                """));
        assertThat(compiled.diagnostics()).isEmpty();
        Circuit c = compiled.artifact().newCircuit();
        Random r = new Random(7);
        Map<Integer, Long> sizes = new HashMap<>();
        long largest = 0;
        Row previous = null;
        for (int step = 1; step <= steps; step++) {
            ZSetBuilder delta = new ZSetBuilder();
            if (step % 5 == 0) {
                delta.add(previous, -1); // inserted by the step before, so above the watermark
            }
            for (int i = 0; i < 2; i++) {
                Row row = row((long) step, (long) r.nextInt(5), (long) r.nextInt(100),
                        T0.plusSeconds(step * 30L - r.nextInt(1800)));
                delta.add(row, 1);
                previous = row;
            }
            c.step(Map.of("t", delta.build()));
            largest = Math.max(largest, stateEntries(c));
            if (step == 2_500 || step == steps) {
                sizes.put(step, largest);
            }
        }
        return sizes;
    }

    private static long stateEntries(Circuit c) {
        return c.counters().stream().mapToLong(OperatorCounters::stateSize).sum();
    }

    @Test
    void aRestoredCheckpointKeepsTheWatermark() throws Exception {
        CompilationResult compiled = new SqlCompiler().compile(WITH);
        CircuitDefinition def = compiled.artifact().definition();
        Circuit original = compiled.artifact().newCircuit();
        original.step(Map.of("t", zset(row(1L, 1L, 10L, minutes(0)), row(2L, 1L, 20L, minutes(180)))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CircuitStateCodec.write(original.captureState(), bytes);
        Circuit restored = def.instantiate(CircuitStateCodec.read(def, new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.watermarks()).isEqualTo(Map.of("t", minutes(120)));
        // 01:00 is late for both; 02:30 is not
        ZSet late = zset(row(3L, 1L, 30L, minutes(60)), row(4L, 1L, 40L, minutes(150)));
        Map<String, ZSet> fromRestored = restored.step(Map.of("t", late));
        Map<String, ZSet> fromOriginal = original.step(Map.of("t", late));
        fromOriginal.forEach((view, delta) -> assertThat(fromRestored.get(view).toMap()).as(view).isEqualTo(delta.toMap()));
        assertThat(fromOriginal.get("total").toMap()).isEqualTo(Map.of(row(2L, 30L), -1L, row(3L, 70L), 1L));
        assertThat(restored.inputCounters()).isEqualTo(Map.of("t", new InputCounters(0, 0, 1)));
        assertThat(restored.snapshot("t").toMap()).isEqualTo(original.snapshot("t").toMap());
    }

    private static ZSet zset(Row... rows) {
        ZSetBuilder b = new ZSetBuilder();
        for (Row row : rows) {
            b.add(row, 1);
        }
        return b.build();
    }

    @Test
    void numericAndDateColumnsTakeLatenessToo() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE n (seq BIGINT LATENESS 100, d DATE);
                CREATE VIEW per_block AS SELECT seq / 1000 AS b, COUNT(*) AS c FROM n GROUP BY seq / 1000;
                """);
        p.step().insert("n", row(1000L, null), row(1500L, null)).run();
        p.step().insert("n", row(1399L, null), row(1400L, null)).run();
        assertThat(p.view("per_block")).isEqualTo(bag(row(1L, 3L)));
        assertThat(p.circuit().inputCounters()).isEqualTo(Map.of("n", new InputCounters(0, 0, 1)));
        ProgramRunner days = new ProgramRunner("""
                CREATE TABLE d (dt DATE LATENESS INTERVAL '36' HOUR);
                CREATE VIEW c AS SELECT dt, COUNT(*) AS n FROM d GROUP BY dt;
                """);
        days.step().insert("d", row(java.time.LocalDate.of(2024, 1, 10))).run();
        // 01-10 minus 36 hours is 01-08 12:00, so the watermark is the whole day 01-08: 01-07 is late, 01-08 is not
        days.step().insert("d", row(java.time.LocalDate.of(2024, 1, 7)), row(java.time.LocalDate.of(2024, 1, 8))).run();
        assertThat(days.view("c")).isEqualTo(bag(row(java.time.LocalDate.of(2024, 1, 10), 1L),
                row(java.time.LocalDate.of(2024, 1, 8), 1L)));
    }

    @Test
    void badDeclarationsAreErrorsAtTheirPosition() {
        assertError("CREATE TABLE t (id INT,\n  name VARCHAR LATENESS INTERVAL '1' HOUR)", "TypeError", 2, 16,
                "TIMESTAMP, DATE or a number");
        assertError("CREATE TABLE t (ts TIMESTAMP LATENESS INTERVAL '-1' HOUR)", "InvalidSql", 1, 39, "must not be negative");
        assertError("CREATE TABLE t (ts TIMESTAMP LATENESS INTERVAL - '2' MINUTE)", "InvalidSql", 1, 39,
                "must not be negative");
        assertError("CREATE TABLE t (n INT LATENESS -5)", "InvalidSql", 1, 32, "must not be negative");
        assertError("CREATE TABLE t (ts TIMESTAMP LATENESS 10)", "TypeError", 1, 39, "must be an interval");
        assertError("CREATE TABLE t (n BIGINT LATENESS INTERVAL '1' HOUR)", "TypeError", 1, 35, "must be a number");
        assertError("CREATE TABLE t (ts TIMESTAMP LATENESS ts)", "InvalidSql", 1, 39, "must be a constant");
        assertError("CREATE TABLE t (a TIMESTAMP LATENESS INTERVAL '1' HOUR, b TIMESTAMP LATENESS INTERVAL '1' HOUR)",
                "Unsupported", 1, 69, "more than one");
        assertError("CREATE TABLE t (ts TIMESTAMP);\nCREATE VIEW v AS SELECT ts FROM t;\nLATENESS v.ts INTERVAL '1' HOUR;",
                "Unsupported", 3, 1, "views");
    }

    @Test
    void latenessWithOtherColumnAttributesCompiles() {
        ProgramRunner p = new ProgramRunner("""
                CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP LATENESS INTERVAL '1:30' HOUR TO MINUTE NOT NULL,
                  m TIMESTAMP DEFAULT TIMESTAMP '2024-01-01 00:00:00');
                CREATE VIEW v AS SELECT ts, COUNT(*) AS n FROM t GROUP BY ts;
                """);
        p.step().insert("t", row(1L, minutes(200), null)).run();
        p.step().insert("t", row(2L, minutes(109), null), row(3L, minutes(110), null)).run();
        assertThat(p.view("v")).isEqualTo(bag(row(minutes(200), 1L), row(minutes(110), 1L)));
    }
}
