package io.pipelinemanager.core.internal.audit;

import io.pipelinemanager.core.api.AuditOutcome;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.ErrorCode;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit event as the facade reports it to an {@link AuditSink}: who (tenant, principal, how it
 * authenticated, request id, client address), what ({@code action}: an operation's wire name,
 * {@value #TENANT_CREATE}, or {@value #AUTHENTICATE} for a refused authentication), on what (target
 * kind, name, id) and how it ended. Never a secret, never SQL text: a program is named (and
 * identified), not quoted.
 *
 * @param tenant     the caller's tenant name, or {@code null} when the credentials named no valid one
 * @param targetKind the target kind's wire name, or {@code null}
 * @param targetName the object's name or the reference the caller gave, or {@code null}
 * @param targetId   the object's id when known, or {@code null}
 * @param errorCode  the error the call ended with, or {@code null} on success
 * @param reason     why a call was refused ({@value #REASON_ROLE}, {@value #REASON_INVALID_TENANT}, ...), or {@code null}
 */
public record AuditEntry(Instant occurredAt, String tenant, String principal, AuthMethod authMethod, String action,
                         String targetKind, String targetName, String targetId, AuditOutcome outcome,
                         ErrorCode errorCode, String reason, String requestId, String clientAddress) {

    /** The action of a refused authentication (by an adapter, or of an API key by the core). */
    public static final String AUTHENTICATE = "authenticate";
    /** The principal of an event whose credentials identified nobody. */
    public static final String UNKNOWN_PRINCIPAL = "unknown";
    /** The action of the event recording a tenant's creation on its first authenticated use. */
    public static final String TENANT_CREATE = "tenant.create";
    /** Refused: the caller's roles do not allow the operation. */
    public static final String REASON_ROLE = "role";
    /** Refused: the credentials name a tenant that breaks the tenant name rule. */
    public static final String REASON_INVALID_TENANT = "invalid_tenant";

    public AuditEntry {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
