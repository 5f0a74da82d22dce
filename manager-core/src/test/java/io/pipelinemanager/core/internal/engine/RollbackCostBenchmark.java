package io.pipelinemanager.core.internal.engine;

import static io.pipelinemanager.core.internal.engine.T.row;

import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a step's undo log costs on the success path: 100-row steps (50 inserts, 50 deletes) into a table of
 * 1 000 000 rows with a materialized projection and a grouped aggregate (SUM, COUNT, MIN), on a circuit that
 * records its undo log and on one that does not, stepped alternately with the same deltas. A measurement, not a
 * test (numbers depend on the machine); run with
 *
 * <pre>
 *   mvn -o test -pl manager-core -am -Dtest=RollbackCostBenchmark -Dpm.rollback.benchmark=true \
 *       -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "pm.rollback.benchmark", matches = "true")
class RollbackCostBenchmark {

    private static final int ROWS = 1_000_000;
    private static final int WARMUP = 1_000;
    private static final int MEASURED = 5_000;

    @Test
    void hundredRowStepsIntoAMillionRowView() {
        CircuitDefinition def = CircuitRollbackTest.compile("""
                CREATE TABLE t (id BIGINT NOT NULL, g INT, v INT);
                CREATE MATERIALIZED VIEW big AS SELECT id, g, v * 2 AS w FROM t;
                CREATE MATERIALIZED VIEW per_g AS SELECT g, SUM(v) AS s, COUNT(*) AS n, MIN(v) AS m FROM t GROUP BY g;
                """);
        Circuit recorded = new Circuit(def, true, true);
        Circuit unrecorded = new Circuit(def, true, false);
        for (int from = 0; from < ROWS; from += 100_000) {
            ZSet load = rows(from, from + 100_000, 1);
            recorded.step(Map.of("t", load));
            unrecorded.step(Map.of("t", load));
        }
        long[] withLog = new long[MEASURED];
        long[] withoutLog = new long[MEASURED];
        long next = ROWS;
        long oldest = 0;
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            ZSetBuilder delta = new ZSetBuilder();
            delta.addAll(rows(next, next + 50, 1), 1);
            delta.addAll(rows(oldest, oldest + 50, -1), 1);
            next += 50;
            oldest += 50;
            Map<String, ZSet> step = Map.of("t", delta.build());
            boolean recordedFirst = i % 2 == 0;
            long a = time(recordedFirst ? recorded : unrecorded, step);
            long b = time(recordedFirst ? unrecorded : recorded, step);
            if (i >= WARMUP) {
                withLog[i - WARMUP] = recordedFirst ? a : b;
                withoutLog[i - WARMUP] = recordedFirst ? b : a;
            }
        }
        if (!recorded.snapshot("per_g").equals(unrecorded.snapshot("per_g"))) {
            throw new AssertionError("the circuits diverged");
        }
        long medianWith = median(withLog);
        long medianWithout = median(withoutLog);
        System.out.printf("100-row steps into %d rows: with undo log median %d µs, mean %d µs; without median %d µs,"
                        + " mean %d µs; ratio of medians %.3f, of means %.3f%n", ROWS, medianWith / 1000,
                mean(withLog) / 1000, medianWithout / 1000, mean(withoutLog) / 1000,
                (double) medianWith / medianWithout, (double) mean(withLog) / mean(withoutLog));
        bulk(def);
    }

    /** A bulk step (100 000 inserts into the loaded circuits) for the worst case: every change is recorded. */
    private static void bulk(CircuitDefinition def) {
        long[] with = new long[5];
        long[] without = new long[5];
        for (int round = 0; round < 5; round++) {
            Circuit recorded = new Circuit(def, true, true);
            Circuit unrecorded = new Circuit(def, true, false);
            ZSet load = rows(0, 100_000, 1);
            with[round] = time(recorded, Map.of("t", load));
            without[round] = time(unrecorded, Map.of("t", load));
        }
        System.out.printf("100 000-row step into an empty circuit: with undo log median %d ms, without %d ms; ratio %.3f%n",
                median(with) / 1_000_000, median(without) / 1_000_000, (double) median(with) / median(without));
    }

    private static long time(Circuit c, Map<String, ZSet> step) {
        long started = System.nanoTime();
        c.step(step);
        return System.nanoTime() - started;
    }

    private static ZSet rows(long from, long to, long weight) {
        ZSetBuilder b = new ZSetBuilder((int) (to - from));
        for (long id = from; id < to; id++) {
            b.add(row(id, (int) (id % 1000), (int) (id % 97)), weight);
        }
        return b.build();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long mean(long[] values) {
        return (long) Arrays.stream(values).average().orElse(0);
    }
}
