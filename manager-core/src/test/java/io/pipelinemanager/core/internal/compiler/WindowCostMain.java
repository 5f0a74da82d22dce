package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Prints the cost per step of window functions and time windows over a loaded table (see
 * manager-core/docs/engine-and-compiler.md): the argument is the number of rows loaded (in steps of 1,000)
 * before 50 measured steps of 100 inserts each.
 */
public final class WindowCostMain {

    private static final String[] VIEWS = {
        "SELECT id, SUM(v) OVER (PARTITION BY g ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)"
            + " AS s FROM t",
        "SELECT id, SUM(v) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS s FROM t",
        "SELECT window_start, g, COUNT(*) AS n, SUM(v) AS s FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
            + " GROUP BY window_start, g",
        "SELECT g, window_start, window_end, COUNT(*) AS n"
            + " FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(g), INTERVAL '30' SECOND))"
            + " GROUP BY g, window_start, window_end",
    };

    private WindowCostMain() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) {
        int total = Integer.parseInt(args[0]);
        for (String view : VIEWS) {
            CompilationResult r = new SqlCompiler().compile("CREATE TABLE t(id BIGINT, g INT, v INT, ts TIMESTAMP);\n"
                    + "CREATE VIEW w AS " + view + ";");
            Circuit c = r.artifact().newCircuit();
            Random random = new Random(1);
            long[] id = {0};
            for (int s = 0; s < total / 1000; s++) {
                step(c, random, id, 1000);
            }
            int steps = 50;
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                step(c, random, id, 100);
            }
            System.out.printf(Locale.ROOT, "%8.2f ms/step (100 inserts, %d rows loaded): %s%n",
                    (System.nanoTime() - start) / 1e6 / steps, total, view);
        }
    }

    private static void step(Circuit c, Random random, long[] id, int rows) {
        LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 0, 0);
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < rows; i++) {
            id[0]++;
            b.add(Rows.of(id[0], (long) random.nextInt(1000), (long) random.nextInt(100), t0.plusSeconds(id[0])), 1);
        }
        c.step(Map.of("t", b.build()));
    }
}
