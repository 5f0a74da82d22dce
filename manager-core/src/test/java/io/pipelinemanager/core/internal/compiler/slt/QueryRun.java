package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs a compiled query circuit over table contents, in one step or in planned random steps, and integrates the view. */
final class QueryRun {

    private QueryRun() {
    }

    /** All data in one step. */
    static ZSet oneStep(CircuitDefinition definition, String view, Map<String, Map<Row, Long>> contents) {
        Circuit circuit = instantiate(definition);
        Map<String, ZSet> inputs = new HashMap<>();
        contents.forEach((table, bag) -> {
            ZSetBuilder b = new ZSetBuilder();
            bag.forEach(b::add);
            inputs.put(table, b.build());
        });
        return new ZSetBuilder().addAll(circuit.initialContents().get(view), 1)
                .addAll(circuit.step(inputs).get(view), 1).build();
    }

    /** The data fed in many small steps with temporary extra rows and temporary deletions ({@code keyed}: tables with a primary key). */
    static ZSet randomSteps(CircuitDefinition definition, String view, Map<String, Map<Row, Long>> contents,
                            Set<String> keyed, long seed) {
        Circuit circuit = instantiate(definition);
        ZSetBuilder result = new ZSetBuilder().addAll(circuit.initialContents().get(view), 1);
        List<Map<String, ZSetBuilder>> steps = RandomFeeder.plan(contents, keyed, seed);
        for (Map<String, ZSetBuilder> step : steps) {
            Map<String, ZSet> inputs = new HashMap<>();
            step.forEach((table, b) -> inputs.put(table, b.build()));
            result.addAll(circuit.step(inputs).get(view), 1);
        }
        return result.build();
    }

    /** A new instance; one whose evaluation over empty tables failed reports that failure (it is poisoned). */
    private static Circuit instantiate(CircuitDefinition definition) {
        Circuit circuit = definition.instantiate();
        if (circuit.initFailure() != null) {
            throw circuit.initFailure();
        }
        return circuit;
    }
}
