/**
 * The SQL compiler: turns a program (CREATE TABLE / CREATE VIEW statements) into an immutable
 * circuit definition for the incremental engine. Calcite parses and validates each statement
 * against the program's own catalog, the planner decorrelates and normalises each view, and
 * {@code plan} translates the plans to engine operators. Problems are reported as
 * {@link io.pipelinemanager.core.api.Diagnostic}s, never as exceptions.
 */
package io.pipelinemanager.core.internal.compiler;
