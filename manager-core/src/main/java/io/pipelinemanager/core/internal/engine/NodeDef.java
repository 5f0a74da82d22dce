package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Operator;
import java.util.Set;
import java.util.function.Supplier;

/** Immutable definition of one circuit node: kind, inputs, arity and a factory of its runtime operator. */
record NodeDef(int id, String kind, String label, int[] inputs, int arity, Supplier<Operator> factory,
               Set<String> views) {

    NodeDef withLabel(String newLabel) {
        return new NodeDef(id, kind, newLabel, inputs, arity, factory, views);
    }

    NodeDef withViews(Set<String> newViews) {
        return new NodeDef(id, kind, label, inputs, arity, factory, newViews);
    }
}
