package io.pipelinemanager.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log: a mutating call, or a refused authentication or authorization. It never holds a
 * secret (an API key's secret, a token) nor SQL text: a program is named, not quoted.
 *
 * @param id            the event's number, growing with every stored event
 * @param occurredAt    when it happened (the instance's clock)
 * @param tenant        the tenant it happened in, or {@code null} when a failed authentication named none
 * @param principal     who called ({@code api-key:<name>}, a JWT subject, ...; {@code unknown} when a
 *                      failed authentication identified nobody)
 * @param authMethod    how the caller authenticated (or tried to)
 * @param action        what was attempted: an operation's wire name ({@code pipeline.create}, ...) or
 *                      {@code authenticate} for a failed authentication
 * @param targetKind    the kind of object acted on ({@code program}, {@code pipeline}, {@code api_key}, ...), or
 *                      {@code null}
 * @param targetName    the object's name (or the reference the caller gave), or {@code null}
 * @param targetId      the object's id, or {@code null} when it is not known
 * @param outcome       how it ended
 * @param errorCode     the error it ended with, or {@code null} on success
 * @param reason        why an authentication or authorization was refused, for the administrator's eyes only
 *                      ({@code malformed}, {@code unknown_key}, {@code wrong_secret}, {@code revoked},
 *                      {@code expired}, {@code role}, ...); the caller's error message never says which; {@code null}
 *                      otherwise
 * @param requestId     the request's id as the adapter gave it, or {@code null}
 * @param clientAddress the client's network address as the adapter gave it, or {@code null}
 */
public record AuditEvent(long id, Instant occurredAt, String tenant, String principal, AuthMethod authMethod,
                         String action, String targetKind, String targetName, String targetId, AuditOutcome outcome,
                         ErrorCode errorCode, String reason, String requestId, String clientAddress) {

    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
