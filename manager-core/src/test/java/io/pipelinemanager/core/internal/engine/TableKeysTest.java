package io.pipelinemanager.core.internal.engine;

import static io.pipelinemanager.core.internal.engine.T.INT;
import static io.pipelinemanager.core.internal.engine.T.STR;
import static io.pipelinemanager.core.internal.engine.T.row;
import static io.pipelinemanager.core.internal.engine.T.z;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggKind;
import io.pipelinemanager.core.internal.engine.expr.Exprs;
import io.pipelinemanager.core.internal.engine.operator.StepBudget;
import io.pipelinemanager.core.internal.engine.operator.StepBudgetExceededException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tables with a primary key upsert and delete by key; tables without one are bags that ignore deletes of absent rows. */
class TableKeysTest {
    private static final SqlType KEY = SqlType.integer();

    /** T(id INT PRIMARY KEY, name VARCHAR, n INT) and B(name VARCHAR, n INT) without a key, with COUNT(*)/SUM(n) views. */
    private static Circuit circuit() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", List.of(KEY, STR, INT), new int[] {0}, null);
        Node bag = b.input("B", List.of(STR, INT));
        b.output("TV", t, true);
        b.output("TC", b.aggregate(t, new int[0], List.of(AggCall.countStar(), AggCall.of(AggKind.SUM, 2, INT))), true);
        b.output("BC", b.aggregate(bag, new int[0], List.of(AggCall.countStar(), AggCall.of(AggKind.SUM, 1, INT))), true);
        return b.build().instantiate();
    }

    private static TableChanges.Builder changes() {
        return new TableChanges.Builder();
    }

    private static Map<String, ZSet> apply(Circuit c, String table, TableChanges.Builder changes) {
        return c.apply(Map.of(table, changes.build()), null);
    }

    private static boolean[] set(boolean... columns) {
        return columns;
    }

    @Test
    void insertOfAnExistingKeyReplacesTheRow() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)));
        Map<String, ZSet> out = apply(c, "T", changes().insert(row(1, "b", 20)));
        assertThat(out.get("TV")).isEqualTo(z(row(1, "a", 10), -1, row(1, "b", 20), 1));
        assertThat(c.snapshot("T")).isEqualTo(z(row(1, "b", 20), 1));
        assertThat(c.snapshot("TC")).isEqualTo(z(row(1, 20), 1));
        // The same row again changes nothing.
        assertThat(apply(c, "T", changes().insert(row(1, "b", 20))).get("TV").isEmpty()).isTrue();
    }

    @Test
    void deleteByKeyRemovesTheRowWhateverTheOtherColumnsSay() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)).insert(row(2, "b", 20)));
        Map<String, ZSet> out = apply(c, "T", changes().delete(row(1, "something else", null)));
        assertThat(out.get("TV")).isEqualTo(z(row(1, "a", 10), -1));
        assertThat(c.snapshot("T")).isEqualTo(z(row(2, "b", 20), 1));
        assertThat(c.inputCounters()).isEmpty();
    }

    @Test
    void deletesAndUpdatesOfAbsentKeysAreIgnoredAndCounted() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)));
        Map<String, ZSet> out = apply(c, "T", changes().delete(row(7, null, null))
                .update(row(8, "x", null), set(true, true, false)));
        assertThat(out.get("TV").isEmpty()).isTrue();
        assertThat(c.snapshot("TC")).isEqualTo(z(row(1, 10), 1));
        assertThat(c.inputCounters()).isEqualTo(Map.of("T", new InputCounters(1, 1)));
    }

    @Test
    void updateChangesOnlyTheColumnsItSets() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)));
        Map<String, ZSet> out = apply(c, "T", changes().update(row(1, null, 11), set(true, false, true)));
        assertThat(out.get("TV")).isEqualTo(z(row(1, "a", 10), -1, row(1, "a", 11), 1));
        // Setting a column to NULL is a change too.
        apply(c, "T", changes().update(row(1, null, null), set(true, true, false)));
        assertThat(c.snapshot("T")).isEqualTo(z(row(1, null, 11), 1));
    }

    @Test
    void severalChangesOfOneKeyInOneStepResolveInOrderTheLastWinning() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)));
        Map<String, ZSet> out = apply(c, "T", changes().insert(row(1, "b", 20)).update(row(1, "c", null),
                set(true, true, false)).delete(row(1, null, null)).insert(row(1, "d", 40)).insert(row(2, "x", 1))
                .delete(row(2, null, null)));
        assertThat(out.get("TV")).isEqualTo(z(row(1, "a", 10), -1, row(1, "d", 40), 1));
        assertThat(c.snapshot("T")).isEqualTo(z(row(1, "d", 40), 1));
        assertThat(c.inputCounters()).isEmpty();
        // An update after an insert in the same step applies to the inserted row.
        apply(c, "T", changes().insert(row(3, "e", 1)).update(row(3, null, 2), set(true, false, true)));
        assertThat(c.snapshot("T")).isEqualTo(z(row(1, "d", 40), 1, row(3, "e", 2), 1));
    }

    @Test
    void consolidatedZSetsAreDeletesFirstThenInserts() {
        Circuit c = circuit();
        c.step(Map.of("T", z(row(1, "a", 10), 1)));
        Map<String, ZSet> out = c.step(Map.of("T", z(row(1, "a", 10), -1, row(1, "b", 20), 1)));
        assertThat(out.get("TV")).isEqualTo(z(row(1, "a", 10), -1, row(1, "b", 20), 1));
        assertThat(c.inputCounters()).isEmpty();
    }

    @Test
    void nullInAKeyColumnOrAnUpdateOfABagIsRefusedAndNothingIsApplied() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)));
        assertThatThrownBy(() -> c.apply(Map.of("T", changes().insert(row(2, "b", 2)).delete(row(null, "a", 10))
                .build(), "B", changes().insert(row("x", 1)).build()), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NULL");
        assertThatThrownBy(() -> apply(c, "B", changes().update(row("x", 1), set(true, true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no primary key");
        assertThat(c.isPoisoned()).isFalse();
        assertThat(c.snapshot("T")).isEqualTo(z(row(1, "a", 10), 1));
        assertThat(c.snapshot("B").isEmpty()).isTrue();
        assertThat(c.steps()).isEqualTo(1);
    }

    @Test
    void aBagIgnoresAndCountsDeletesOfRowsItDoesNotHold() {
        Circuit c = circuit();
        apply(c, "B", changes().insert(row("x", 1)).insert(row("x", 1)));
        Map<String, ZSet> out = apply(c, "B", changes().delete(row("x", 1)).delete(row("y", 5)));
        assertThat(out.get("BC")).isEqualTo(z(row(2, 2), -1, row(1, 1), 1));
        out = apply(c, "B", changes().delete(row("x", 1)).delete(row("x", 1)).delete(row("x", 1)));
        assertThat(c.snapshot("BC")).isEqualTo(z(row(0, null), 1));
        assertThat(c.snapshot("B").isEmpty()).isTrue();
        assertThat(c.inputCounters()).isEqualTo(Map.of("B", new InputCounters(3, 0)));
        // Order counts: a delete before the insert of the same row in one step is ignored, the insert stays.
        apply(c, "B", changes().delete(row("z", 3)).insert(row("z", 3)));
        assertThat(c.snapshot("B")).isEqualTo(z(row("z", 3), 1));
        assertThat(c.inputCounters().get("B")).isEqualTo(new InputCounters(4, 0));
        // An insert then its delete in one step leave nothing and count nothing.
        out = apply(c, "B", changes().insert(row("w", 9)).delete(row("w", 9)));
        assertThat(out.get("BC").isEmpty()).isTrue();
        assertThat(c.inputCounters().get("B")).isEqualTo(new InputCounters(4, 0));
    }

    @Test
    void aGlobalAggregateHoldsItsRowOverEmptyTablesFromTheStart() {
        Circuit c = circuit();
        assertThat(c.steps()).isZero();
        assertThat(c.snapshot("TC")).isEqualTo(z(row(0, null), 1));
        Map<String, ZSet> out = apply(c, "T", changes().insert(row(1, "a", 10)));
        assertThat(out.get("TC")).isEqualTo(z(row(0, null), -1, row(1, 10), 1));
        assertThat(c.steps()).isEqualTo(1);
    }

    @Test
    void aCircuitRestoredFromACapturedStateKeepsResolvingByKey() {
        Circuit c = circuit();
        apply(c, "T", changes().insert(row(1, "a", 10)).insert(row(2, "b", 20)));
        apply(c, "B", changes().insert(row("x", 1)));
        Circuit restored = c.definition().instantiate(c.captureState());
        Map<String, ZSet> out = apply(restored, "T", changes().insert(row(1, "c", 30)).delete(row(2, null, null)));
        assertThat(out.get("TV")).isEqualTo(z(row(1, "a", 10), -1, row(1, "c", 30), 1, row(2, "b", 20), -1));
        apply(restored, "B", changes().delete(row("x", 1)).delete(row("x", 1)));
        assertThat(restored.snapshot("BC")).isEqualTo(z(row(0, null), 1));
        assertThat(restored.inputCounters()).isEqualTo(Map.of("B", new InputCounters(1, 0)));
    }

    @Test
    void aFailedStepLeavesTheKeyIndexAsItWas() {
        CircuitBuilder b = new CircuitBuilder();
        Node t = b.input("T", List.of(KEY, INT), new int[] {0}, null);
        b.output("Q", b.map(t, List.of(Exprs.call("/", INT, List.of(Exprs.ref(0, KEY), Exprs.ref(1, INT))))), true);
        Circuit c = b.build().instantiate();
        c.apply(Map.of("T", changes().insert(row(6, 3)).build()), null);
        assertThatThrownBy(() -> c.apply(Map.of("T", changes().delete(row(6, null)).insert(row(7, 0)).build()), null))
                .isInstanceOf(CircuitStepException.class);
        assertThat(c.snapshot("T")).isEqualTo(z(row(6, 3), 1));
        // Had the failed step's delete of key 6 reached the index, this insert would not replace (6, 3).
        Map<String, ZSet> out = c.apply(Map.of("T", changes().insert(row(6, 2)).build()), null);
        assertThat(out.get("Q")).isEqualTo(z(row(2), -1, row(3), 1));
        assertThat(c.snapshot("T")).isEqualTo(z(row(6, 2), 1));
    }

    @Test
    void aCircuitWhoseViewFailsOverEmptyTablesComesBackPoisonedWithTheFailure() {
        CircuitBuilder b = new CircuitBuilder();
        Node k = b.constant(1, z(row(0), 1));
        b.output("Q", b.map(k, List.of(Exprs.call("/", INT,
                List.of(Exprs.literal(1L, INT), Exprs.ref(0, INT))))), true);
        Circuit c = b.build().instantiate();
        assertThat(c.initFailure()).isNotNull();
        assertThat(c.initFailure().views()).containsExactly("Q");
        assertThat(c.isPoisoned()).isTrue();
    }
    @Test
    void randomChangesOfAKeyedTableMatchAMapModelStepByStepAcrossRestoresAndFailedSteps() {
        // TV is T itself, so every step's delta and the contents are checked against a model key -> row; keys are
        // few, so a step inserts, replaces, updates and deletes the same keys several times.
        Random random = new Random(13);
        Circuit c = circuit();
        Map<Long, Row> model = new HashMap<>();
        long[] ignored = new long[2];
        for (int step = 0; step < 300; step++) {
            boolean fails = step % 50 == 7;
            TableChanges.Builder changes = changes();
            Map<Long, Row> after = new HashMap<>(model);
            long[] stepIgnored = new long[2];
            for (int i = random.nextInt(40); i > 0; i--) {
                long k = random.nextInt(60);
                String name = random.nextBoolean() ? null : "n" + random.nextInt(3);
                Long n = random.nextInt(4) == 0 ? null : (long) random.nextInt(5);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        changes.insert(row(k, name, n));
                        after.put(k, row(k, name, n));
                    }
                    case 1 -> {
                        changes.delete(row(k, null, null));
                        stepIgnored[0] += after.remove(k) == null ? 1 : 0;
                    }
                    default -> {
                        boolean setName = random.nextBoolean();
                        boolean setN = random.nextBoolean();
                        changes.update(row(k, name, n), set(true, setName, setN));
                        Row current = after.get(k);
                        if (current == null) {
                            stepIgnored[1]++;
                        } else {
                            after.put(k, row(k, setName ? name : current.get(1), setN ? n : current.get(2)));
                        }
                    }
                }
            }
            if (fails) {
                // Over its budget (a new key changes every view): nothing of the step may remain, not even the
                // key hashes it computed for its delta.
                TableChanges tc = changes.insert(row(1000 + step, "x", 1)).build();
                Circuit failing = c;
                assertThatThrownBy(() -> failing.apply(Map.of("T", tc), new StepBudget(1)))
                        .isInstanceOf(StepBudgetExceededException.class);
                assertThat(c.snapshot("T")).isEqualTo(ZSet.ofRows(new ArrayList<>(model.values())));
                continue;
            }
            ZSetBuilder expected = new ZSetBuilder();
            model.values().forEach(r -> expected.add(r, -1));
            after.values().forEach(r -> expected.add(r, 1));
            assertThat(apply(c, "T", changes).get("TV")).as("step %d", step).isEqualTo(expected.build());
            model = after;
            ignored[0] += stepIgnored[0];
            ignored[1] += stepIgnored[1];
            assertThat(c.snapshot("T")).isEqualTo(ZSet.ofRows(new ArrayList<>(model.values())));
            assertThat(c.snapshot("TC")).isEqualTo(z(row((long) model.size(), model.values().stream()
                    .map(r -> (Long) r.get(2)).filter(Objects::nonNull).reduce(Long::sum).orElse(null)), 1));
            if (step % 40 == 39) {
                // A restored circuit resolves by the key of the restored contents (its counters start anew).
                c = c.definition().instantiate(c.captureState());
                ignored[0] = 0;
                ignored[1] = 0;
            }
        }
        assertThat(c.inputCounters().getOrDefault("T", new InputCounters(0, 0)))
                .isEqualTo(new InputCounters(ignored[0], ignored[1]));
    }
}
