/**
 * The audit hook: {@link io.pipelinemanager.core.internal.audit.AuditSink}, which the facade's access
 * control tells about every audited call, refusal and tenant creation, and its structured-log
 * implementation (one JSON line per event on the logger {@code io.pipelinemanager.audit}).
 */
package io.pipelinemanager.core.internal.audit;
