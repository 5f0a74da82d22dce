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
 *
 * <h2>Tables</h2>
 * {@code input(table, types, key, defaults)} declares a table's primary key and column defaults. The input
 * of a step is {@code Circuit.apply(Map<table, TableChanges>)}: per table its inserts, deletes and updates in
 * arrival order, which a {@code TableState} resolves against the table's contents into the delta the
 * operators see: a table with a key upserts and deletes/updates by key (through a key index derived from the
 * contents, rebuilt on restore), a table without one is a bag whose deletes of absent rows are ignored; what
 * was ignored is counted ({@code inputCounters()}). {@code step(Map<table, ZSet>)} is the same with each
 * Z-set's deletes first. {@code instantiate()} evaluates the circuit once over empty tables (not a step), so
 * views hold what SQL gives for empty tables from the start ({@code initialContents()}); when an operator that
 * reads a table fails there, that evaluation is deferred into the first step ({@code deferredInitFailure()}).
 *
 * <h2>LATENESS</h2>
 * {@code input(table, types, key, defaults, lateness)} gives a table a {@code LATENESS} column
 * ({@link io.pipelinemanager.core.internal.engine.operator.Lateness}): its {@code TableState} drops changes
 * below the table's watermark before resolving them (counted in {@code inputCounters()}) and advances the
 * watermark when a step commits; the watermark lives in the table's input node
 * ({@link io.pipelinemanager.core.internal.engine.operator.WatermarkInputOp}), so checkpoints keep it. The
 * builder tracks, per node, which output columns are the LATENESS column or a non-decreasing function of it
 * ({@link io.pipelinemanager.core.internal.engine.operator.ColumnBound}: through filters, projections, TUMBLE/HOP,
 * unions, DISTINCT and the key columns of aggregates); an aggregate grouped by such a column discards, at the start
 * of each step, the groups below the bound of the step's watermarks ({@code Work.watermarks()}), found in an
 * index of its groups ordered by the bounded column, so a discard costs what it drops. Joins and temporal
 * filters give no bounds: they emit old rows when a new one arrives or when time passes.
 *
 * <h2>Checkpoints</h2>
 * {@code Circuit.captureState()} (on the step thread, between steps) returns an immutable
 * {@link io.pipelinemanager.core.internal.engine.CircuitState}: the step count, each node's logical
 * {@link io.pipelinemanager.core.internal.engine.operator.OperatorState} with its total counters, and the
 * integrated tables and materialized views. It is cheap: large state lives in
 * {@link io.pipelinemanager.core.internal.engine.zset.IntegratedZSet} / {@link io.pipelinemanager.core.internal.engine.zset.IndexedZSet}
 * / {@link io.pipelinemanager.core.internal.engine.zset.CowShardedMap}, which freeze in O(shards) and copy a
 * shard only when the circuit next writes to it; rows are immutable and shared. The state is encoded off the
 * step thread ({@code internal.checkpoint.CircuitStateCodec}); {@code CircuitDefinition.instantiate(state)}
 * gives a circuit that continues exactly where the captured one was.
 *
 * <p><b>Adding an operator.</b> {@link io.pipelinemanager.core.internal.engine.operator.Operator} has no
 * default for {@code captureState}/{@code restoreState}:
 * <ul>
 *   <li>an operator whose output depends only on the current deltas implements
 *       {@link io.pipelinemanager.core.internal.engine.operator.StatelessOperator} (only final configuration
 *       fields; {@code StatelessOperatorTest} checks);</li>
 *   <li>any other operator returns its state as parts that describe <em>what</em> it holds, not how: integrated
 *       rows as a {@link io.pipelinemanager.core.internal.engine.zset.ZSetView} (a trace's rows without keys —
 *       keys are re-derived from rows on restore), flags and counts as values, per-group accumulator values as
 *       nested lists (see {@code AggregateOp}). Keep big state in a structure with an O(1)-ish {@code snapshot()}
 *       or {@code freeze()} so the capture stays cheap; never hand out a mutable map. Document the layout on
 *       {@code captureState}, and restore by re-adding (state derived from other state, such as a window's
 *       outputs, is recomputed). Changing a layout changes the checkpoint format: bump
 *       {@code CircuitStateCodec.FORMAT_VERSION} and keep reading the old one;</li>
 *   <li>add the operator to {@code CheckpointRoundTripTest}'s programs: it fails while a stateful operator class
 *       is not exercised, and it compares a restored twin with the original step by step.</li>
 * </ul>
 */
package io.pipelinemanager.core.internal.engine;
