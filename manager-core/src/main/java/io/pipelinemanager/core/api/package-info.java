/**
 * The stable public API of the manager: ids, specs, stored views, statuses, diagnostics and errors.
 * Everything here is an immutable record or enum; adapters (embedded, WAR) translate these types and
 * nothing else. Types in {@code internal} packages may change without notice.
 */
package io.pipelinemanager.core.api;
