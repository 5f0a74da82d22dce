/**
 * Plan-to-circuit translation: each normalised Calcite {@code RelNode} becomes engine operators
 * (filter, map, joins, aggregates, set operations, top-k) and each {@code RexNode} an engine
 * expression. Calcite types map to engine {@code SqlType}s and literals to the engine's value
 * representation. Constructs without an engine counterpart are reported as "Unsupported".
 */
package io.pipelinemanager.core.internal.compiler.plan;
