package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.CircuitState;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Measures checkpoints of a large circuit (not a test; no timing assertions): a table of N rows of three
 * BIGINTs with a materialized view and a join + aggregate on it. Reports the capture pause on the step
 * thread, the first small step after a capture (which copies the shards it touches), the encoded size and the
 * encode, decode and instantiate times. Run with the test class path, e.g.
 * {@code java -Xmx6g -cp <test-classpath> io.pipelinemanager.core.internal.checkpoint.CheckpointBenchmarkMain 1000000}.
 */
public final class CheckpointBenchmarkMain {
    private static final String PROGRAM = """
            CREATE TABLE t(id BIGINT NOT NULL, g BIGINT NOT NULL, x BIGINT NOT NULL);
            CREATE TABLE dim(g BIGINT NOT NULL, name VARCHAR(20) NOT NULL);
            CREATE MATERIALIZED VIEW mv AS SELECT id, g, x FROM t WHERE x >= 0;
            CREATE MATERIALIZED VIEW by_name AS SELECT d.name, COUNT(*) AS n, SUM(t.x) AS total, MAX(t.x) AS biggest
              FROM t JOIN dim d ON t.g = d.g GROUP BY d.name;
            """;

    private CheckpointBenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CompilationResult result = new SqlCompiler().compile(PROGRAM);
        if (!result.diagnostics().isEmpty()) {
            throw new IllegalStateException(result.diagnostics().toString());
        }
        CircuitDefinition def = result.artifact().definition();
        Circuit circuit = def.instantiate();
        Random r = new Random(1);
        ZSetBuilder dim = new ZSetBuilder();
        for (long g = 0; g < 1000; g++) {
            dim.add(Rows.of(g, "name" + (g % 100)), 1);
        }
        circuit.step(Map.of("dim", dim.build()));
        long t0 = System.nanoTime();
        for (int start = 0; start < rows; start += 100_000) {
            ZSetBuilder batch = new ZSetBuilder(100_000);
            for (long id = start; id < Math.min(rows, start + 100_000); id++) {
                batch.add(Rows.of(id, id % 1000, (long) r.nextInt(1_000_000)), 1);
            }
            circuit.step(Map.of("t", batch.build()));
        }
        System.out.printf("load: %,d rows in %.0f ms%n", rows, ms(t0));

        long nextId = rows;
        double[] smallStep = new double[7];
        for (int i = 0; i < smallStep.length; i++) {
            long s = System.nanoTime();
            circuit.step(Map.of("t", ZSet.ofRows(Rows.of(nextId++, (long) i, 5L))));
            smallStep[i] = ms(s);
        }
        double[] capture = new double[7];
        double[] firstStep = new double[7];
        CircuitState state = null;
        for (int i = 0; i < capture.length; i++) {
            long s = System.nanoTime();
            state = circuit.captureState();
            capture[i] = ms(s);
            s = System.nanoTime();
            circuit.step(Map.of("t", ZSet.ofRows(Rows.of(nextId++, (long) i * 7, 5L))));
            firstStep[i] = ms(s);
        }
        System.out.printf("capture pause (step thread): median %.2f ms, max %.2f ms%n", median(capture), max(capture));
        System.out.printf("small step: median %.2f ms without a capture before it, %.2f ms right after a capture "
                + "(copies the touched shards)%n", median(smallStep), median(firstStep));
        long s = System.nanoTime();
        ZSet copy = circuit.snapshot("t");
        System.out.printf("for comparison, copying the table's %,d rows into a Z-set: %.0f ms%n", copy.size(), ms(s));

        state = circuit.captureState();
        double[] encode = new double[3];
        byte[] bytes = null;
        for (int i = 0; i < encode.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 20);
            s = System.nanoTime();
            CircuitStateCodec.write(state, out);
            encode[i] = ms(s);
            bytes = out.toByteArray();
        }
        System.out.printf("encoded: %,d bytes, %.1f bytes per table row (table, view, join trace, aggregate)%n",
                bytes.length, (double) bytes.length / rows);
        System.out.printf("encode: median %.0f ms%n", median(encode));
        double[] decode = new double[3];
        double[] instantiate = new double[3];
        for (int i = 0; i < decode.length; i++) {
            s = System.nanoTime();
            CircuitState back = CircuitStateCodec.read(def, new ByteArrayInputStream(bytes));
            decode[i] = ms(s);
            s = System.nanoTime();
            Circuit restored = def.instantiate(back);
            instantiate[i] = ms(s);
            if (!restored.snapshot("by_name").equals(circuit.snapshot("by_name")) || restored.steps() != circuit.steps()) {
                throw new IllegalStateException("restored circuit differs");
            }
        }
        System.out.printf("decode: median %.0f ms; instantiate (restore operators): median %.0f ms%n",
                median(decode), median(instantiate));
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
