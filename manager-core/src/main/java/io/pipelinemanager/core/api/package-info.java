/**
 * The stable public API of the manager: ids, specs, stored views, statuses, diagnostics and errors.
 * Everything here is an immutable record or enum (and one annotation); adapters (embedded, WAR)
 * translate these types and nothing else. Types in {@code internal} packages may change without notice.
 *
 * <h2>Who may do what</h2>
 * Every tenant-scoped facade call carries a {@link io.pipelinemanager.core.api.Caller}: tenant name,
 * principal, {@link io.pipelinemanager.core.api.Role roles} and
 * {@link io.pipelinemanager.core.api.AuthMethod how it authenticated}. Adapters authenticate; the core
 * authorizes, once: {@link io.pipelinemanager.core.api.Operation} is the one table of operations (stable
 * wire name, required role, whether it changes state and is audited, target kind), and each facade method
 * names the operation it performs with {@link io.pipelinemanager.core.api.Performs}. A caller without the
 * role gets {@link io.pipelinemanager.core.api.ErrorCode#Forbidden} (403) and nothing happens; a caller
 * naming an invalid tenant gets {@link io.pipelinemanager.core.api.ErrorCode#Unauthenticated} (401).
 * Another tenant's objects answer exactly like missing ones. A unit test fails when a facade method
 * taking a caller has no operation, or when what the facade refuses differs from the table.
 */
package io.pipelinemanager.core.api;
