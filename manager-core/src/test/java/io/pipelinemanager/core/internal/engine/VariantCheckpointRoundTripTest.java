package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
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
        CheckpointRoundTrips.assertSurvives(PROGRAM, "t", VariantCheckpointRoundTripTest::row, original -> {
            assertThat(original.snapshot("by_value").size()).as("groups of variants").isPositive();
        });
    }

    private static Row row(Random r) throws VariantJson.InvalidJsonException {
        Variant v = r.nextInt(8) == 0 ? null : VariantJson.parse(DOCS[r.nextInt(DOCS.length)]);
        return Rows.of((long) r.nextInt(3), v);
    }
}
