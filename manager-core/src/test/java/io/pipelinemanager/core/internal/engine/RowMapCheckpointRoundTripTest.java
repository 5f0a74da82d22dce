package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import java.util.ArrayList;
import java.util.List;
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
    void restoredCircuitsOverRowsAndMapsBehaveExactlyLikeTheOriginal() throws Exception {
        CheckpointRoundTrips.assertSurvives(PROGRAM, "t", RowMapCheckpointRoundTripTest::row, original -> {
            assertThat(original.snapshot("agg").size()).as("groups with rows").isPositive();
            assertThat(original.snapshot("by_map").size()).as("distinct maps").isPositive();
        });
    }

    private static Row row(Random r) {
        RowValue row = r.nextInt(8) == 0 ? null
                : RowValue.of(r.nextInt(6) == 0 ? null : (long) r.nextInt(3), r.nextInt(5) == 0 ? null : "s" + r.nextInt(3));
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int j = r.nextInt(3); j > 0; j--) {
            keys.add(j % 2 == 0 ? "a" : "b");
            values.add(r.nextInt(6) == 0 ? null : (long) r.nextInt(4));
        }
        return Rows.of((long) r.nextInt(3), row, r.nextInt(8) == 0 ? null : MapValue.of(keys, values));
    }
}
