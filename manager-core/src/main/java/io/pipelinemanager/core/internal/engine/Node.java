package io.pipelinemanager.core.internal.engine;

/** A handle to a node of a circuit under construction: its id and the arity of its output rows. */
public record Node(int id, int arity) {
}
