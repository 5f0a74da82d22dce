/**
 * The audit log in the database: the {@link io.pipelinemanager.core.internal.audit.AuditSink} that stores every
 * event (a failed write is logged, never thrown), the administrator's paged and filtered query, and pruning by
 * age ({@code pm.audit.retention}).
 */
package io.pipelinemanager.core.internal.auditlog;
