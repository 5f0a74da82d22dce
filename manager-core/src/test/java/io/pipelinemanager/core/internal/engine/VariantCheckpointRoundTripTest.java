package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints of programs over VARIANT values (as {@link ArrayCheckpointRoundTripTest} does for arrays): table
 * data holding JSON values, groups and join keys that are variants, and ORDER BY ... LIMIT on variants survive
 * capture, encode, decode and restore; the restored circuit then behaves exactly like the original under inserts
 * and deletes.
 */
class VariantCheckpointRoundTripTest {

    private static final String PROGRAM = """
            CREATE TABLE t(k INT, v VARIANT);
            CREATE MATERIALIZED VIEW by_value AS SELECT v, COUNT(*) AS n FROM t GROUP BY v;
            CREATE MATERIALIZED VIEW by_field AS SELECT v['a'] AS a, SUM(k) AS s FROM t GROUP BY v['a'];
            CREATE MATERIALIZED VIEW same AS SELECT x.k AS x, y.k AS y FROM t x JOIN t y ON x.v = y.v;
            CREATE MATERIALIZED VIEW top AS SELECT k, v FROM t ORDER BY v DESC, k LIMIT 2;
            CREATE MATERIALIZED VIEW texts AS SELECT k, TO_JSON(v) AS j, CAST(v['a'] AS INT) AS a FROM t;
            """;
    private static final String[] DOCS = {"null", "1", "1.0", "\"x\"", "true", "[1, [2, null]]", "{\"a\": 1}",
        "{\"a\": 2, \"b\": [true, {\"c\": \"é\"}]}", "{\"b\": 1, \"a\": 1.00}", "123456789012345678901234567890.5",
        "{}", "[]"};

    @Test
    void restoredCircuitsOverVariantsBehaveExactlyLikeTheOriginal() throws Exception {
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
            assertThat(original.snapshot("by_value").size()).as("groups of variants").isPositive();
        }
    }

    private static ZSet change(ZSetBuilder current, Random r) throws VariantJson.InvalidJsonException {
        ZSetBuilder delta = new ZSetBuilder();
        for (int i = r.nextInt(5); i > 0; i--) {
            Variant v = r.nextInt(8) == 0 ? null : VariantJson.parse(DOCS[r.nextInt(DOCS.length)]);
            Row row = Rows.of((long) r.nextInt(3), v);
            delta.add(row, 1);
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
