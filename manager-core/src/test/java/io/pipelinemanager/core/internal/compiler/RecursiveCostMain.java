package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prints the cost per step of a reachability view ({@code WITH RECURSIVE}) over a random graph: the argument is
 * the number of edges loaded (over edges/2 nodes, from 10 roots) before 20 measured steps inserting 10 edges
 * (semi-naive) and 20 steps deleting 10 edges (recomputation).
 */
public final class RecursiveCostMain {

    private RecursiveCostMain() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) {
        int edges = Integer.parseInt(args[0]);
        int nodes = Math.max(2, edges / 2);
        CompilationResult r = new SqlCompiler().compile("CREATE TABLE edge (src INT NOT NULL, dst INT NOT NULL);\n"
                + "CREATE TABLE roots (node INT NOT NULL);\n"
                + "CREATE VIEW reach AS WITH RECURSIVE r (node) AS (SELECT node FROM roots"
                + " UNION SELECT e.dst FROM r JOIN edge e ON e.src = r.node) SELECT node FROM r;");
        Circuit c = r.artifact().newCircuit();
        Random random = new Random(1);
        List<Object[]> loaded = new ArrayList<>();
        ZSetBuilder roots = new ZSetBuilder();
        for (int i = 0; i < 10; i++) {
            roots.add(Rows.of((long) random.nextInt(nodes)), 1);
        }
        c.step(Map.of("roots", roots.build()));
        for (int done = 0; done < edges; done += 1000) {
            c.step(Map.of("edge", edges(random, nodes, Math.min(1000, edges - done), loaded, 1)));
        }
        measure("insert 10 edges", c, random, nodes, loaded, 1);
        measure("delete 10 edges", c, random, nodes, loaded, -1);
        System.out.println("edges=" + loaded.size() + " nodes=" + nodes);
    }

    private static void measure(String what, Circuit c, Random random, int nodes, List<Object[]> loaded, int sign) {
        long total = 0;
        int steps = 20;
        long size = 0;
        for (int s = 0; s < steps; s++) {
            ZSet delta = edges(random, nodes, 10, loaded, sign);
            long t0 = System.nanoTime();
            size += c.step(Map.of("edge", delta)).get("reach").size();
            total += System.nanoTime() - t0;
        }
        System.out.printf("%s: %.2f ms per step (view delta rows per step %.1f)%n", what, total / 1e6 / steps,
                (double) size / steps);
    }

    private static ZSet edges(Random random, int nodes, int n, List<Object[]> loaded, int sign) {
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < n; i++) {
            Object[] e;
            if (sign > 0) {
                e = new Object[] {(long) random.nextInt(nodes), (long) random.nextInt(nodes)};
                loaded.add(e);
            } else {
                e = loaded.remove(random.nextInt(loaded.size()));
            }
            b.add(Rows.of(e), sign);
        }
        return b.build();
    }
}
