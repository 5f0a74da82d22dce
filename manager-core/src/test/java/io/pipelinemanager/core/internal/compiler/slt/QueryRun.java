package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a compiled query circuit over table contents, in one step or in planned random steps, and integrates the view. */
final class QueryRun {

    private QueryRun() {
    }

    /** All data in one step. */
    static ZSet oneStep(CircuitDefinition definition, String view, Map<String, Map<Row, Long>> contents) {
        Circuit circuit = definition.instantiate();
        Map<String, ZSet> inputs = new HashMap<>();
        contents.forEach((table, bag) -> {
            ZSetBuilder b = new ZSetBuilder();
            bag.forEach(b::add);
            inputs.put(table, b.build());
        });
        return new ZSetBuilder().addAll(circuit.initialContents().get(view), 1)
                .addAll(circuit.step(inputs).get(view), 1).build();
    }

    /** The data fed in many small steps with temporary extra rows and temporary deletions. */
    static ZSet randomSteps(CircuitDefinition definition, String view, Map<String, Map<Row, Long>> contents,
                            long seed) {
        Circuit circuit = definition.instantiate();
        ZSetBuilder result = new ZSetBuilder().addAll(circuit.initialContents().get(view), 1);
        List<Map<String, ZSetBuilder>> steps = RandomFeeder.plan(contents, seed);
        for (Map<String, ZSetBuilder> step : steps) {
            Map<String, ZSet> inputs = new HashMap<>();
            step.forEach((table, b) -> inputs.put(table, b.build()));
            result.addAll(circuit.step(inputs).get(view), 1);
        }
        return result.build();
    }
}
