package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints of programs over ROW and MAP values (as {@link CheckpointRoundTripTest} does for every operator):
 * table data holding rows, maps and arrays of rows, ARRAY_AGG of rows, groups, DISTINCT and join keys that are
 * rows or maps, and ORDER BY ... LIMIT on rows survive capture, encode, decode and restore; the restored circuit
 * then behaves exactly like the original under inserts and deletes.
 */
class RowMapCheckpointRoundTripTest {

    private static final String PROGRAM = """
            CREATE TABLE t(k INT, r ROW(a INT, b VARCHAR(8)), m MAP<VARCHAR, INT>);
            CREATE MATERIALIZED VIEW agg AS SELECT k, ARRAY_AGG(r ORDER BY r) AS rows_, MAX(m['a']) AS top
              FROM t GROUP BY k;
            CREATE MATERIALIZED VIEW by_row AS SELECT r, COUNT(*) AS n FROM t GROUP BY r;
            CREATE MATERIALIZED VIEW by_map AS SELECT DISTINCT m FROM t;
            CREATE MATERIALIZED VIEW same_map AS SELECT x.k, y.r FROM t x JOIN t y ON x.m = y.m;
            CREATE MATERIALIZED VIEW top AS SELECT k, r FROM t ORDER BY r, k LIMIT 2;
            """;

    @Test
    void restoredCircuitsOverRowsAndMapsBehaveExactlyLikeTheOriginal() {
        CompilationResult result = new SqlCompiler().compile(PROGRAM);
        assertThat(result.diagnostics()).isEmpty();
        CircuitDefinition def = result.artifact().definition();
        for (int seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed);
            Circuit original = def.instantiate();
            List<Circuit> restored = new ArrayList<>();
            ZSetBuilder current = new ZSetBuilder();
            for (int step = 0; step < 30; step++) {
                if (step % 4 == 0) {
                    restored.add(def.instantiate(CheckpointRoundTripTest.decode(def,
                            CheckpointRoundTripTest.encode(original.captureState()))));
                }
                Map<String, ZSet> delta = Map.of("t", change(current, r));
                Map<String, ZSet> expected = original.step(delta);
                for (Circuit twin : restored) {
                    assertThat(twin.step(delta)).as("outputs, seed %d step %d", seed, step).isEqualTo(expected);
                    CheckpointRoundTripTest.assertSame(original, twin, "seed " + seed + " step " + step);
                }
            }
            assertThat(original.snapshot("agg").size()).as("groups with rows").isPositive();
            assertThat(original.snapshot("by_map").size()).as("distinct maps").isPositive();
        }
    }

    private static ZSet change(ZSetBuilder current, Random r) {
        ZSetBuilder delta = new ZSetBuilder();
        for (int i = r.nextInt(5); i > 0; i--) {
            RowValue row = r.nextInt(8) == 0 ? null
                    : RowValue.of(r.nextInt(6) == 0 ? null : (long) r.nextInt(3), r.nextInt(5) == 0 ? null : "s" + r.nextInt(3));
            List<Object> keys = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int j = r.nextInt(3); j > 0; j--) {
                keys.add(j % 2 == 0 ? "a" : "b");
                values.add(r.nextInt(6) == 0 ? null : (long) r.nextInt(4));
            }
            delta.add(Rows.of((long) r.nextInt(3), row, r.nextInt(8) == 0 ? null : MapValue.of(keys, values)), 1);
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
}
