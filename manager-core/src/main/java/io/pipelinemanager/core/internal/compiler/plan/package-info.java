/**
 * Plan-to-circuit translation: each normalised Calcite {@code RelNode} becomes engine operators
 * (filter, map, joins, aggregates, set operations, top-k) and each {@code RexNode} an engine
 * expression. Calcite types map to engine {@code SqlType}s and literals to the engine's value
 * representation. {@code BpcharComparisons} makes PostgreSQL's CHAR(n) comparison rules explicit in the
 * plan before join keys are chosen. A recursive query ({@code WITH RECURSIVE}) becomes one {@code RECURSIVE}
 * node whose recursive term is a nested circuit ({@code RecursiveTranslator}, linear recursion only). Constructs without an engine counterpart are reported as
 * "Unsupported", named by their SQL construct.
 */
package io.pipelinemanager.core.internal.compiler.plan;
