package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.AuditEvent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of the audit log. */
@Schema(name = "AuditEvent")
public record AuditEventResponse(
        @Schema(required = true, description = "Grows with every stored event") long id,
        @JsonProperty("occurred_at") @Schema(required = true, format = "date-time") String occurredAt,
        @Schema(description = "null when a failed authentication named no tenant") String tenant,
        @Schema(required = true, description = "api-key:<name>, a JWT's name, anonymous, or unknown when a failed "
                + "authentication identified nobody") String principal,
        @JsonProperty("auth_method") @Schema(required = true, enumeration = {"none", "api_key", "jwt", "host"})
        String authMethod,
        @Schema(required = true, description = "The operation (e.g. pipeline.create), or authenticate") String action,
        @JsonProperty("target_kind") @Schema(description = "program, pipeline, api_key, ...") String targetKind,
        @JsonProperty("target_name") String targetName,
        @JsonProperty("target_id") String targetId,
        @Schema(required = true, enumeration = {"success", "denied", "failure"}) String outcome,
        @JsonProperty("error_code") @Schema(description = "null on success") String errorCode,
        @Schema(description = "Why an authentication or authorization was refused (administrators only)") String reason,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("client_address") String clientAddress) {

    /** Maps the core record. */
    public static AuditEventResponse of(AuditEvent e) {
        return new AuditEventResponse(e.id(), e.occurredAt().toString(), e.tenant(), e.principal(),
                e.authMethod().wireName(), e.action(), e.targetKind(), e.targetName(), e.targetId(),
                e.outcome().wireName(), e.errorCode() == null ? null : e.errorCode().name(), e.reason(), e.requestId(),
                e.clientAddress());
    }
}
