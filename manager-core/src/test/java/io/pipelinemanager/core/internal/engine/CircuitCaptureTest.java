package io.pipelinemanager.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A captured state is an immutable snapshot: the circuit stepping on does not change it. */
class CircuitCaptureTest {

    @Test
    void aCaptureDoesNotChangeWhenTheCircuitKeepsStepping() {
        CircuitDefinition def = CheckpointRoundTripTest.compile();
        Circuit circuit = def.instantiate();
        Random r = new Random(7);
        ZSetBuilder current = new ZSetBuilder();
        for (int i = 0; i < 300; i++) {
            current.add(row(r), 1);
        }
        circuit.step(Map.of("a", current.build(), "c", ZSet.ofRows(Rows.of(1L, 2L, "s1"), Rows.of(2L, 3L, "s2"))));
        CircuitState captured = circuit.captureState();
        byte[] before = CheckpointRoundTrips.encode(captured);
        Map<String, ZSet> snapshotsBefore = Map.of("a", circuit.snapshot("a"), "grouped", circuit.snapshot("grouped"));

        // Delete everything, then insert other rows: every shard of every trace and group changes.
        circuit.step(Map.of("a", current.build().negate()));
        for (int i = 0; i < 5; i++) {
            ZSetBuilder more = new ZSetBuilder();
            for (int j = 0; j < 50; j++) {
                more.add(row(r), 1);
            }
            circuit.step(Map.of("a", more.build(), "c", ZSet.ofRows(Rows.of((long) i, 9L, "x"))));
        }
        assertThat(circuit.snapshot("a")).isNotEqualTo(snapshotsBefore.get("a"));

        assertThat(CheckpointRoundTrips.encode(captured)).as("the same capture encodes to the same bytes").isEqualTo(before);
        assertThat(captured.steps()).isEqualTo(1);
        assertThat(captured.snapshots().get("a").toZSet()).isEqualTo(snapshotsBefore.get("a"));
        Circuit restored = def.instantiate(CheckpointRoundTrips.decode(def, before));
        assertThat(restored.snapshot("grouped")).isEqualTo(snapshotsBefore.get("grouped"));
        assertThat(restored.steps()).isEqualTo(1);
    }

    @Test
    void captureRefusesPoisonedAndOneShotCircuitsAndRestoreRefusesAnotherShape() {
        CircuitDefinition def = CheckpointRoundTripTest.compile();
        CircuitState state = def.instantiate().captureState();
        CircuitDefinition other = CheckpointRoundTripTest.built();
        assertThatThrownBy(() -> other.instantiate(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodes");
        CircuitState wrongSnapshots = new CircuitState(0, state.nodes(), Map.of());
        assertThatThrownBy(() -> def.instantiate(wrongSnapshots)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshots");
        assertThat(def.instantiate(state).steps()).isZero();
        assertThat(List.copyOf(state.nodes())).hasSameSizeAs(def.instantiate().counters());
    }

    @Test
    void failedStepsAfterACaptureRollBackTheLiveCopiesAndLeaveTheCaptureAlone() {
        CircuitDefinition def = CircuitRollbackTest.compile(CircuitRollbackTest.PROGRAM);
        int failures = 0;
        for (int seed = 0; seed < 10; seed++) {
            Random random = new Random(seed);
            Circuit original = def.instantiate();
            CircuitRollbackTest.Model model = new CircuitRollbackTest.Model();
            CircuitState captured = null;
            byte[] bytes = null;
            Circuit twin = null;
            for (int step = 0; step < 30; step++) {
                if (random.nextInt(3) == 0) {
                    captured = original.captureState();
                    bytes = CheckpointRoundTrips.encode(captured);
                    twin = def.instantiate(CheckpointRoundTrips.decode(def, bytes));
                }
                Map<String, ZSet> batch = model.batch(random, random.nextInt(3) == 0);
                Map<String, ZSet> out;
                try {
                    out = original.step(batch);
                } catch (CircuitStepException e) {
                    failures++;
                    if (twin != null) {
                        Circuit t = twin;
                        assertThatThrownBy(() -> t.step(batch)).isInstanceOf(CircuitStepException.class);
                    }
                    out = null;
                }
                if (out != null) {
                    model.applied(batch);
                    if (twin != null) {
                        assertThat(twin.step(batch)).as("seed %d step %d", seed, step).isEqualTo(out);
                    }
                }
                if (twin != null) {
                    CheckpointRoundTrips.assertSame(original, twin, "seed " + seed + " step " + step);
                    assertThat(CheckpointRoundTrips.encode(captured)).as("the capture is untouched").isEqualTo(bytes);
                }
            }
        }
        assertThat(failures).as("failed steps").isGreaterThan(20);
    }

    private static Row row(Random r) {
        return Rows.of((long) r.nextInt(20), (long) r.nextInt(50), "s" + r.nextInt(5), BigDecimal.valueOf(r.nextInt(1000), 2),
                r.nextDouble(), r.nextBoolean(), LocalDate.of(2024, 1, 1).plusDays(r.nextInt(50)),
                LocalTime.of(r.nextInt(24), 0), LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(r.nextInt(10_000)));
    }
}
