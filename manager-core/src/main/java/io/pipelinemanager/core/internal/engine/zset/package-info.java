/**
 * Rows and Z-sets: the data the engine moves between operators.
 *
 * <p>A {@link io.pipelinemanager.core.internal.engine.zset.Row} is an immutable tuple behind an
 * interface (generated typed rows may replace {@link io.pipelinemanager.core.internal.engine.zset.ArrayRow}).
 * A {@link io.pipelinemanager.core.internal.engine.zset.ZSet} maps rows to non-zero signed weights and is
 * always consolidated; build one with {@link io.pipelinemanager.core.internal.engine.zset.ZSetBuilder}.
 * {@link io.pipelinemanager.core.internal.engine.zset.IndexedZSet} is a mutable trace
 * key → (row → weight) used by stateful operators.
 */
package io.pipelinemanager.core.internal.engine.zset;
