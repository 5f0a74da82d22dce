/**
 * Runtime operators of a circuit instance, each incremental: it consumes the input deltas of one
 * step and returns its output delta, doing work proportional to the change (linear operators are
 * stateless; join, distinct, aggregate, set operations and top-k keep indexed integrated state). Window
 * functions ({@link io.pipelinemanager.core.internal.engine.operator.WindowOp}, also SESSION windows) and ASOF
 * joins ({@link io.pipelinemanager.core.internal.engine.operator.AsofJoinOp}) keep their input by partition or
 * key and recompute only the partitions or keys a step touches; TUMBLE and HOP are flat-maps
 * ({@link io.pipelinemanager.core.internal.engine.operator.TimeWindows}). A recursive query
 * ({@link io.pipelinemanager.core.internal.engine.RecursiveOp}) iterates a nested circuit of its
 * recursive term to a fixed point: semi-naively on insert-only steps, by recomputation when a step deletes.
 * A temporal filter
 * ({@link io.pipelinemanager.core.internal.engine.operator.TemporalFilterOp}) also reacts to the step's clock
 * ({@link io.pipelinemanager.core.internal.engine.operator.Work#now()}), keeping only the rows inside its window
 * or waiting for it, indexed by the value compared with {@code NOW()}. An aggregate grouped by a table's
 * {@code LATENESS} column, or a window or rounding of it, drops the groups no later change can reach
 * ({@link io.pipelinemanager.core.internal.engine.operator.ColumnBound}, {@link
 * io.pipelinemanager.core.internal.engine.operator.Work#watermarks()}).
 * Instances are created per circuit instance by {@link io.pipelinemanager.core.internal.engine.CircuitDefinition}
 * and are not thread-safe; every operator reports the state entries it visits to a {@link
 * io.pipelinemanager.core.internal.engine.operator.Work} counter. Every operator takes part in checkpoints
 * through {@code captureState}/{@code restoreState} and its logical
 * {@link io.pipelinemanager.core.internal.engine.operator.OperatorState}, or declares itself a
 * {@link io.pipelinemanager.core.internal.engine.operator.StatelessOperator} (see the engine package doc).
 */
package io.pipelinemanager.core.internal.engine.operator;
