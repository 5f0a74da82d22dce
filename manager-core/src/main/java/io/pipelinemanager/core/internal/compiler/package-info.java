/**
 * The SQL compiler: turns a program (CREATE TABLE / CREATE VIEW statements) into an immutable
 * circuit definition for the incremental engine. Calcite parses and validates each statement
 * against the program's own catalog, the planner decorrelates and normalises each view, and
 * {@code plan} translates the plans to engine operators. The validator knows Calcite's standard
 * operators plus the PostgreSQL functions the engine evaluates ({@code PostgresFunctions}), and coerces
 * types implicitly only where PostgreSQL does ({@code PostgresTypeCoercion}). Problems are reported as
 * {@link io.pipelinemanager.core.api.Diagnostic}s, never as exceptions, in the user's terms: syntax errors
 * with hints ({@code SyntaxHints}: unterminated strings, reserved words), unknown names with the closest
 * name in scope ({@code NameHints}), never planner class names. Calcite's DDL grammar lacks some column
 * attributes; {@code DdlRewriter} blanks them out (keeping every position) and records them: column-level
 * {@code PRIMARY KEY}, constraints accepted but not enforced, Feldera's {@code LATENESS}, which
 * {@code LatenessDeclarations} checks against the column type, and Feldera's table options
 * {@code WITH ('append_only' = 'true')} ({@link io.pipelinemanager.core.internal.compiler.TableOption}), which
 * {@code TableDeclarations} checks.
 */
package io.pipelinemanager.core.internal.compiler;
