/**
 * Aggregate functions for the incremental aggregate operator. An {@link
 * io.pipelinemanager.core.internal.engine.aggregate.AggCall} describes one call (kind, argument
 * columns, DISTINCT, FILTER column, Calcite result type); {@link
 * io.pipelinemanager.core.internal.engine.aggregate.Accumulators} turns it into per-group
 * {@link io.pipelinemanager.core.internal.engine.aggregate.Accumulator}s that accept weighted
 * inserts and retractions (MIN/MAX keep an ordered multiset, DISTINCT a value count, the variance and standard deviation functions exact sums of values and
 * squares so that their results are PostgreSQL's).
 */
package io.pipelinemanager.core.internal.engine.aggregate;
