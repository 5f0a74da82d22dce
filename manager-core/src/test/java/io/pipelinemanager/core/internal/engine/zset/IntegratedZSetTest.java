package io.pipelinemanager.core.internal.engine.zset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The open-addressing {@link IntegratedZSet} against a plain map model: random adds and removals (so probe runs
 * are broken by backward-shift deletion and rebuilt by growth), snapshots that must not change afterwards, the
 * undo log, and lookups by key of a Z-set placed by key columns.
 */
class IntegratedZSetTest {

    @Test
    void randomChangesMatchAMapModelAndSnapshotsStayAsTheyWere() {
        Random random = new Random(7);
        for (int[] key : new int[][] {null, {1}}) {
            IntegratedZSet z = key == null ? new IntegratedZSet() : new IntegratedZSet(key);
            Map<Row, Long> model = new HashMap<>();
            ZSetView snapshot = null;
            Map<Row, Long> atSnapshot = null;
            for (int i = 0; i < 200_000; i++) {
                // Few distinct values so that rows come and go; column 1 repeats across rows (key collisions).
                Row r = Rows.of((long) random.nextInt(3000), (long) random.nextInt(50));
                long w = random.nextInt(5) - 2;
                long expected = model.merge(r, w, Long::sum);
                if (expected == 0) {
                    model.remove(r);
                }
                assertThat(z.add(r, w)).isEqualTo(expected);
                if (i % 50_000 == 0) {
                    snapshot = z.snapshot();
                    atSnapshot = new HashMap<>(model);
                }
            }
            assertThat(z.size()).isEqualTo(model.size());
            assertThat(z.build().toMap()).isEqualTo(model);
            for (int a = 0; a < 3000; a++) {
                Row r = Rows.of((long) a, 7L);
                assertThat(z.weight(r)).isEqualTo(model.getOrDefault(r, 0L));
            }
            Map<Row, Long> seen = new HashMap<>();
            snapshot.forEach(seen::put);
            assertThat(seen).isEqualTo(atSnapshot);
            assertThat(snapshot.entryCount()).isEqualTo(atSnapshot.size());
            assertThat(z.rowBytes()).isEqualTo(model.keySet().stream().mapToLong(RowSizes::rowBytes).sum());
        }
    }

    @Test
    void rowsPlacedByKeyAreFoundByKeyWithValuesEqualBySqlValue() {
        IntegratedZSet z = new IntegratedZSet(new int[] {0, 2});
        for (long i = 0; i < 10_000; i++) {
            z.add(Rows.of(i, "v" + i, new BigDecimal(i % 10 + ".50")), 1);
        }
        Row found = z.findByKey(Rows.of(1234L, new BigDecimal("4.5")));
        assertThat(found).isEqualTo(Rows.of(1234L, "v1234", new BigDecimal("4.50")));
        assertThat(z.findByKey(Rows.of(1234L, new BigDecimal("5.5")))).isNull();
        z.add(found, -1);
        assertThat(z.findByKey(Rows.of(1234L, new BigDecimal("4.5")))).isNull();
        assertThat(z.size()).isEqualTo(9_999);
    }

    @Test
    void theUndoLogRestoresTheContents() {
        IntegratedZSet z = new IntegratedZSet();
        for (long i = 0; i < 1000; i++) {
            z.add(Rows.of(i), 1);
        }
        ZSet before = z.build();
        UndoLog undo = new UndoLog();
        for (long i = 500; i < 1500; i++) {
            z.add(Rows.of(i), i < 1000 ? -1 : 2, undo);
        }
        undo.rollback();
        assertThat(z.build()).isEqualTo(before);
    }
    @Test
    void rowsAddedWithTheirKeyHashAreWhereAddsOfTheRowPutThem() {
        int[] key = {2, 0};
        IntegratedZSet byHash = new IntegratedZSet(key);
        IntegratedZSet byRow = new IntegratedZSet(key);
        UndoLog undo = new UndoLog();
        for (long i = 0; i < 5_000; i++) {
            Row r = Rows.of(i % 100, "v" + i, i / 100);
            assertThat(byHash.addByKeyHash(r, Rows.project(r, key).hashCode(), 1, undo)).isEqualTo(1);
            byRow.add(r, 1);
        }
        undo.commit();
        assertThat(byHash.build()).isEqualTo(byRow.build());
        assertThat(byHash.rowBytes()).isEqualTo(byRow.rowBytes());
        Row r = Rows.of(42L, "v4242", 42L);
        assertThat(byHash.findByKey(Rows.of(42L, 42L))).isEqualTo(r);
        // An add of the row itself finds what was placed by the key hash, and the other way round.
        assertThat(byHash.add(r, 1)).isEqualTo(2);
        assertThat(byHash.addByKeyHash(r, Rows.project(r, key).hashCode(), -2, undo)).isZero();
        assertThat(byHash.findByKey(Rows.of(42L, 42L))).isNull();
        undo.rollback();
        assertThat(byHash.weight(r)).isEqualTo(2);
        assertThatThrownBy(() -> new IntegratedZSet().addByKeyHash(r, 0, 1, null))
                .isInstanceOf(IllegalStateException.class);
    }
}
