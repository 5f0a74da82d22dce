/**
 * The incremental dataflow engine (DBSP over Z-sets). Drive it in three stages: build a
 * {@link io.pipelinemanager.core.internal.engine.CircuitBuilder} (declare inputs with
 * {@code input(table, types)}, add operators wired to earlier {@link io.pipelinemanager.core.internal.engine.Node}s,
 * declare views with {@code output(name, node, materialized)}), {@code build()} an immutable
 * {@link io.pipelinemanager.core.internal.engine.CircuitDefinition}, then {@code instantiate()} independent
 * {@link io.pipelinemanager.core.internal.engine.Circuit}s. {@code Circuit.step(tableDeltas)} applies one
 * atomic batch and returns the delta of every view; {@code snapshot(name)} integrates tables and
 * materialized views; {@code counters()} reports per-operator work. A step is a transaction: one that throws
 * {@link io.pipelinemanager.core.internal.engine.CircuitStepException} is rolled back through the step's
 * {@link io.pipelinemanager.core.internal.engine.zset.UndoLog}, in which every stateful operator records the
 * inverse of each change it makes, and the instance keeps running on the state before it.
 */
package io.pipelinemanager.core.internal.engine;
