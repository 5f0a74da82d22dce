package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/api_keys}. */
@Schema(name = "ApiKeyCreate")
public record ApiKeyCreateRequest(
        @Schema(required = true, description = "1-63 letters, digits, '-' or '_'; unique in the tenant, also after "
                + "revocation", example = "ci")
        String name,
        @Schema(required = true, description = "The role requests with this key get", enumeration = {"viewer", "editor", "admin"})
        String role,
        @JsonProperty("expires_at")
        @Schema(format = "date-time", description = "When the key stops working (ISO-8601, in the future); absent: never",
                example = "2027-01-31T00:00:00Z")
        String expiresAt) {

    /** The core spec; a role or time that is not one becomes {@code InvalidRequest}. */
    public ApiKeySpec toSpec() {
        Role parsed = role == null ? null : Role.fromWireName(role);
        if (role != null && parsed == null) {
            throw Params.invalid("role", "role must be viewer, editor or admin");
        }
        return new ApiKeySpec(name, parsed, Params.instant("expires_at", expiresAt));
    }
}
