/**
 * Access control: {@link io.pipelinemanager.core.internal.access.AccessControl} checks a caller's
 * tenant name and roles against the {@link io.pipelinemanager.core.api.Operation} table at the start of
 * every facade call, resolves the tenant and reports to the audit hook.
 */
package io.pipelinemanager.core.internal.access;
