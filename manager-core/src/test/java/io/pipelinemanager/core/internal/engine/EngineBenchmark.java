package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the engine's steps cost and how large its state is, printed (nothing is asserted on time or size):
 * <ul>
 * <li>(a) an incremental GROUP BY with SUM and COUNT over a bag table of three BIGINTs, 10 000-change steps of
 * inserts and retractions (a sliding window of 200 000 rows);</li>
 * <li>(b) an equi-join of two tables whose state grows to 500 000 rows a side, 10 000-row steps;</li>
 * <li>(c) bytes per row of state for 1 000 000 rows of three BIGINTs: a bag table alone, a table with a primary
 * key, and a table with a materialized view of it: the used heap after GC over the loaded rows (MemoryMXBean)
 * next to the engine's own estimate ({@link Circuit#estimatedStateBytes()}, what the runner reports as
 * {@code estimated_state_bytes}) and their ratio (also for the state (a) and (b) end with);</li>
 * <li>(d) 100-change steps (50 inserts, 50 deletes) into the 1 000 000-row materialized view: p50 and p99
 * latency;</li>
 * <li>(e) an endless stream into a GROUP BY of a {@code LATENESS} timestamp and a second column (200 rows a step,
 * a second apart, up to a minute out of order; about 75 000 groups within the lateness): CPU per step of the
 * stepping thread while the watermark moves every step and the groups below it are discarded.</li>
 * </ul>
 * Changes go in as the runner passes them ({@link Circuit#apply} of {@link TableChanges}), built before the
 * clock starts. Throughput is rows per CPU-second of the stepping thread (ThreadMXBean) and of the whole process
 * (garbage collection and JIT included). Not part of the build; run with
 * <pre>
 * mvn -o test -pl manager-core -am -Dtest=EngineBenchmark -Dpm.engine.benchmark=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "pm.engine.benchmark", matches = "true")
class EngineBenchmark {
    private static final int STATE_ROWS = 1_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final List<String> lines = new ArrayList<>();

    /** Runs the benchmark outside Maven (same output). */
    public static void main(String[] args) {
        new EngineBenchmark().run();
    }

    @Test
    void run() {
        groupBy(true);
        join(true);
        groupBy(false);
        join(false);
        state("bag table alone", """
                CREATE TABLE t (a BIGINT, b BIGINT, c BIGINT);
                CREATE VIEW n AS SELECT COUNT(*) AS n FROM t WHERE a < 0;
                """, false);
        state("table with primary key", """
                CREATE TABLE t (a BIGINT NOT NULL PRIMARY KEY, b BIGINT, c BIGINT);
                CREATE VIEW n AS SELECT COUNT(*) AS n FROM t WHERE a < 0;
                """, false);
        state("bag table + materialized view", """
                CREATE TABLE t (a BIGINT, b BIGINT, c BIGINT);
                CREATE MATERIALIZED VIEW v AS SELECT a, b, c FROM t;
                """, true);
        lateness();
        System.out.println();
        System.out.println("workload                               | result");
        lines.forEach(System.out::println);
    }

    /** (a): SUM and COUNT per group over a sliding window of rows, 20 000 groups. */
    private void groupBy(boolean warmup) {
        long before = warmup ? 0 : usedAfterGc();
        Circuit c = CircuitRollbackTest.compile("""
                CREATE TABLE t (id BIGINT, g BIGINT, v BIGINT);
                CREATE VIEW per_g AS SELECT g, SUM(v) AS s, COUNT(*) AS n FROM t GROUP BY g;
                """).instantiate();
        int window = 200_000;
        int step = 10_000;
        int steps = warmup ? 40 : 200;
        long changes = 0;
        Cpu cpu = new Cpu();
        for (int s = 0; s < steps; s++) {
            TableChanges.Builder b = new TableChanges.Builder();
            long from = (long) s * step;
            for (long id = from; id < from + step; id++) {
                b.insert(groupRow(id));
                if (id >= window) {
                    b.delete(groupRow(id - window));
                }
            }
            TableChanges tc = b.build();
            changes += tc.size();
            cpu.start();
            c.apply(Map.of("t", tc), null);
            cpu.stop();
        }
        if (!warmup) {
            lines.add(String.format(Locale.ROOT, "(a) GROUP BY SUM/COUNT, ins+retract    | %s", cpu.rate(changes)));
            lines.add(String.format(Locale.ROOT, "(a) state (200 000 rows, 20 000 groups) | %s", state(c, before)));
        }
    }

    private static Row groupRow(long id) {
        return new ArrayRow(new Object[] {id, id * 7919 % 20_000, id * 31 % 1000 + 1000});
    }

    /** (b): inner equi-join, both sides growing to {@code rows} rows, about one match per key. */
    private void join(boolean warmup) {
        long before = warmup ? 0 : usedAfterGc();
        Circuit c = CircuitRollbackTest.compile("""
                CREATE TABLE a (id BIGINT, k BIGINT, v BIGINT);
                CREATE TABLE b (id BIGINT, k BIGINT, w BIGINT);
                CREATE VIEW j AS SELECT a.id AS aid, b.id AS bid, a.v, b.w FROM a JOIN b ON a.k = b.k;
                """).instantiate();
        int rows = warmup ? 100_000 : 500_000;
        int step = 10_000;
        Random random = new Random(42);
        long changes = 0;
        long out = 0;
        Cpu cpu = new Cpu();
        for (long from = 0; from < rows; from += step / 2) {
            TableChanges.Builder ab = new TableChanges.Builder();
            TableChanges.Builder bb = new TableChanges.Builder();
            for (long id = from; id < from + step / 2; id++) {
                ab.insert(new ArrayRow(new Object[] {id, (long) random.nextInt(rows), id + 1000}));
                bb.insert(new ArrayRow(new Object[] {id, (long) random.nextInt(rows), id + 2000}));
            }
            changes += step;
            Map<String, TableChanges> in = Map.of("a", ab.build(), "b", bb.build());
            cpu.start();
            Map<String, ZSet> result = c.apply(in, null);
            cpu.stop();
            out += result.get("j").size();
        }
        if (!warmup) {
            lines.add(String.format(Locale.ROOT, "(b) equi-join, growing state          | %s; %d output rows",
                    cpu.rate(changes), out));
            lines.add(String.format(Locale.ROOT, "(b) state (2 x 500 000 rows)           | %s", state(c, before)));
        }
    }

    /** (c) and, with a materialized view, (d). */
    private void state(String name, String sql, boolean smallSteps) {
        CircuitDefinition def = CircuitRollbackTest.compile(sql);
        long before = usedAfterGc();
        Circuit c = def.instantiate();
        int step = 100_000;
        Cpu cpu = new Cpu();
        for (long from = 0; from < STATE_ROWS; from += step) {
            TableChanges.Builder b = new TableChanges.Builder();
            for (long id = from; id < from + step; id++) {
                b.insert(stateRow(id));
            }
            TableChanges tc = b.build();
            cpu.start();
            c.apply(Map.of("t", tc), null);
            cpu.stop();
        }
        long used = usedAfterGc() - before;
        long estimated = c.estimatedStateBytes();
        lines.add(String.format(Locale.ROOT, "(c) %-34s | heap %.1f B/row, estimated %.1f B/row, estimated/heap %.2f;"
                        + " load %s", name, (double) used / STATE_ROWS, (double) estimated / STATE_ROWS,
                (double) estimated / used, cpu.rate(STATE_ROWS)));
        if (smallSteps) {
            smallSteps(c);
        }
    }

    private static Row stateRow(long id) {
        return new ArrayRow(new Object[] {id + 1_000_000_000L, id * 3 + 1_000_000_000L, id * 7 + 1_000_000_000L});
    }

    /** (d): 100-change steps into the loaded view, the oldest rows deleted, new rows inserted. */
    private void smallSteps(Circuit c) {
        int warmup = 2_000;
        int measured = 5_000;
        long[] nanos = new long[measured];
        long next = STATE_ROWS;
        long oldest = 0;
        for (int i = 0; i < warmup + measured; i++) {
            TableChanges.Builder b = new TableChanges.Builder();
            for (int k = 0; k < 50; k++) {
                b.delete(stateRow(oldest++));
                b.insert(stateRow(next++));
            }
            Map<String, TableChanges> in = Map.of("t", b.build());
            long started = System.nanoTime();
            Map<String, ZSet> out = c.apply(in, null);
            long took = System.nanoTime() - started;
            if (out.get("v").size() != 100) {
                throw new AssertionError("expected 100 changes of the view, got " + out.get("v").size());
            }
            if (i >= warmup) {
                nanos[i - warmup] = took;
            }
        }
        Arrays.sort(nanos);
        lines.add(String.format(Locale.ROOT, "(d) 100-change steps into a 1M-row view | p50 %.3f ms, p99 %.3f ms",
                nanos[measured / 2] / 1e6, nanos[measured * 99 / 100] / 1e6));
    }

    /** (e): an endless stream whose watermark moves every step; the aggregate's state stays bounded. */
    private void lateness() {
        Circuit c = CircuitRollbackTest.compile("""
                CREATE TABLE t (id BIGINT NOT NULL, g BIGINT, v BIGINT, ts TIMESTAMP NOT NULL LATENESS INTERVAL '10' MINUTE);
                CREATE VIEW per_second AS SELECT ts, g, SUM(v) AS s, COUNT(*) AS n FROM t GROUP BY ts, g;
                """).instantiate();
        java.time.LocalDateTime t0 = java.time.LocalDateTime.of(2024, 1, 1, 0, 0);
        Random random = new Random(7);
        int warmup = 1_000;
        int measured = 2_000;
        long id = 0;
        Cpu cpu = new Cpu();
        for (int s = 0; s < warmup + measured; s++) {
            TableChanges.Builder b = new TableChanges.Builder();
            for (int i = 0; i < 200; i++) {
                b.insert(new ArrayRow(new Object[] {id++, (long) random.nextInt(200), (long) random.nextInt(100),
                        t0.plusSeconds(s - random.nextInt(60))}));
            }
            Map<String, TableChanges> in = Map.of("t", b.build());
            if (s >= warmup) {
                cpu.start();
            }
            c.apply(in, null);
            if (s >= warmup) {
                cpu.stop();
            }
        }
        long groups = c.counters().stream().filter(k -> k.kind().toUpperCase(Locale.ROOT).contains("AGG"))
                .mapToLong(OperatorCounters::stateSize).sum();
        lines.add(String.format(Locale.ROOT, "(e) LATENESS stream, discard every step | %.3f ms thread-CPU per step"
                + " (%d steps of 200 rows; aggregate state %d entries)", cpu.thread / 1e6 / measured, measured, groups));
    }

    /** The heap held since {@code before} (the circuit is the only thing kept) next to the engine's estimate. */
    private static String state(Circuit c, long before) {
        long used = usedAfterGc() - before;
        long estimated = c.estimatedStateBytes();
        return String.format(Locale.ROOT, "heap %.1f MB, estimated %.1f MB, estimated/heap %.2f", used / 1e6,
                estimated / 1e6, (double) estimated / used);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** CPU time of this thread and of the process over the measured sections. */
    private static final class Cpu {
        private long thread;
        private long process;
        private long wall;
        private long threadStart;
        private long processStart;
        private long wallStart;

        void start() {
            threadStart = THREADS.getCurrentThreadCpuTime();
            processStart = OS.getProcessCpuTime();
            wallStart = System.nanoTime();
        }

        void stop() {
            thread += THREADS.getCurrentThreadCpuTime() - threadStart;
            process += OS.getProcessCpuTime() - processStart;
            wall += System.nanoTime() - wallStart;
        }

        String rate(long rows) {
            return String.format(Locale.ROOT, "%,.0f rows/thread-CPU-s, %,.0f rows/process-CPU-s (%d rows, %.2f s wall)",
                    rows / (thread / 1e9), rows / (process / 1e9), rows, wall / 1e9);
        }
    }
}
