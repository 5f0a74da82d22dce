package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.checkpoint.CircuitStateCodec;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Checkpoint round trips for tests: an original circuit's state is captured, encoded, decoded and instantiated as
 * twins, which from then on get the same steps as the original and must give identical outputs, step counts,
 * table and materialized view snapshots and operator counters every step.
 */
final class CheckpointRoundTrips {

    /** Random rows of a table. */
    @FunctionalInterface
    interface RowSource {
        Row next(Random r) throws Exception;
    }

    private final Circuit original;
    private final List<Circuit> twins = new ArrayList<>();

    CheckpointRoundTrips(Circuit original) {
        this.original = original;
    }

    /**
     * Compiles {@code program} (which must have no diagnostics) and, for seeds 1 to 4, gives {@code table} of a new
     * circuit 30 steps of random inserts (up to four rows from {@code rows}) and deletes of rows it holds, restoring
     * a twin from a checkpoint of the original before every fourth step (see {@link #step}). After each seed,
     * {@code checkOriginal} checks that the original's data exercised what the test is about.
     */
    static void assertSurvives(String program, String table, RowSource rows, Consumer<Circuit> checkOriginal)
            throws Exception {
        CompilationResult result = new SqlCompiler().compile(program);
        assertThat(result.diagnostics()).isEmpty();
        CircuitDefinition def = result.artifact().definition();
        for (int seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed);
            CheckpointRoundTrips roundTrips = new CheckpointRoundTrips(def.instantiate());
            ZSetBuilder current = new ZSetBuilder();
            for (int step = 0; step < 30; step++) {
                if (step % 4 == 0) {
                    roundTrips.restore();
                }
                roundTrips.step(Map.of(table, change(current, rows, r)), "seed " + seed + " step " + step);
            }
            checkOriginal.accept(roundTrips.original);
        }
    }

    /** Up to four random inserts and random deletes of rows in {@code current}; updates {@code current}. */
    private static ZSet change(ZSetBuilder current, RowSource rows, Random r) throws Exception {
        ZSetBuilder delta = new ZSetBuilder();
        for (int i = r.nextInt(5); i > 0; i--) {
            delta.add(rows.next(r), 1);
        }
        ZSet cur = current.build();
        for (int i = 0; i < cur.size(); i++) {
            if (r.nextInt(5) == 0) {
                delta.add(cur.row(i), -1);
            }
        }
        ZSet z = delta.build();
        current.addAll(z, 1);
        return z;
    }

    /** A new twin restored from a checkpoint of the original's current state. */
    Circuit restore() {
        CircuitDefinition def = original.definition();
        Circuit twin = def.instantiate(decode(def, encode(original.captureState())));
        twins.add(twin);
        return twin;
    }

    /** Steps the original and every twin with {@code delta}; each twin must give the same outputs and state. */
    void step(Map<String, ZSet> delta, String where) {
        Map<String, ZSet> expected = original.step(delta);
        for (Circuit twin : twins) {
            assertThat(twin.step(delta)).as("outputs, %s", where).isEqualTo(expected);
            assertSame(original, twin, where);
        }
    }

    /** Every twin must hold the same state as the original. */
    void assertTwinsSame(String where) {
        for (Circuit twin : twins) {
            assertSame(original, twin, where);
        }
    }

    /** Drops the oldest twins beyond {@code count}. */
    void keepLast(int count) {
        while (twins.size() > count) {
            twins.remove(0);
        }
    }

    /** The same step count, table and materialized view snapshots, and operator counters. */
    static void assertSame(Circuit original, Circuit twin, String where) {
        assertThat(twin.steps()).as("steps, %s", where).isEqualTo(original.steps());
        for (String t : original.definition().tableNames()) {
            assertThat(twin.snapshot(t)).as("table %s, %s", t, where).isEqualTo(original.snapshot(t));
        }
        for (String v : original.definition().viewNames()) {
            if (original.definition().isMaterialized(v)) {
                assertThat(twin.snapshot(v)).as("view %s, %s", v, where).isEqualTo(original.snapshot(v));
            }
        }
        List<OperatorCounters> a = original.counters();
        List<OperatorCounters> b = twin.counters();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).stateSize()).as("state size of %s, %s", a.get(i), where).isEqualTo(a.get(i).stateSize());
            assertThat(b.get(i).totalRowsIn()).as("rows in of %s, %s", a.get(i), where).isEqualTo(a.get(i).totalRowsIn());
            assertThat(b.get(i).totalRowsOut()).as("rows out of %s, %s", a.get(i), where).isEqualTo(a.get(i).totalRowsOut());
        }
    }

    static byte[] encode(CircuitState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CircuitStateCodec.write(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static CircuitState decode(CircuitDefinition def, byte[] bytes) {
        try {
            return CircuitStateCodec.read(def, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
