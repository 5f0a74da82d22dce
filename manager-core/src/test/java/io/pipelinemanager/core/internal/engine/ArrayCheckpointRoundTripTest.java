package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints of programs over ARRAY values (as {@link CheckpointRoundTripTest} does for every operator): table
 * data holding arrays, ARRAY_AGG state, groups and join keys that are arrays, and UNNEST survive capture, encode,
 * decode and restore; the restored circuit then behaves exactly like the original under inserts and deletes.
 */
class ArrayCheckpointRoundTripTest {

    private static final String PROGRAM = """
            CREATE TABLE t(k INT, a INT ARRAY, s VARCHAR(8));
            CREATE MATERIALIZED VIEW agg AS SELECT k, ARRAY_AGG(s ORDER BY s DESC) AS names, ARRAY_AGG(a[1]) AS firsts
              FROM t GROUP BY k;
            CREATE MATERIALIZED VIEW by_array AS SELECT a, COUNT(*) AS n FROM t GROUP BY a;
            CREATE MATERIALIZED VIEW same_array AS SELECT x.k, y.s FROM t x JOIN t y ON x.a = y.a;
            CREATE MATERIALIZED VIEW elements AS SELECT e, COUNT(*) AS n FROM t CROSS JOIN UNNEST(a) AS u(e) GROUP BY e;
            CREATE MATERIALIZED VIEW top AS SELECT k, a FROM t ORDER BY a, k LIMIT 2;
            """;

    @Test
    void restoredCircuitsOverArraysBehaveExactlyLikeTheOriginal() throws Exception {
        CheckpointRoundTrips.assertSurvives(PROGRAM, "t", ArrayCheckpointRoundTripTest::row, original -> {
            assertThat(original.snapshot("agg").size()).as("groups with arrays").isPositive();
            assertThat(original.snapshot("elements").size()).as("unnested elements").isPositive();
        });
    }

    private static Row row(Random r) {
        List<Object> a = new ArrayList<>();
        for (int j = r.nextInt(4); j > 0; j--) {
            a.add(r.nextInt(6) == 0 ? null : (long) r.nextInt(4));
        }
        return Rows.of((long) r.nextInt(3), r.nextInt(8) == 0 ? null : Values.array(a),
                r.nextInt(8) == 0 ? null : "s" + r.nextInt(4));
    }
}
