package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.Role;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Who the server takes the caller for ({@code GET /api/me}). */
@Schema(name = "Me")
public record MeResponse(
        @Schema(required = true, description = "The tenant the caller acts in", example = "default")
        String tenant,
        @Schema(required = true, description = "The caller: api-key:<name> for an API key, the token's name "
                + "(upn, preferred_username or sub) for a JWT, anonymous without authentication")
        String principal,
        @Schema(required = true, type = SchemaType.ARRAY, description = "The roles held in the tenant, lowest first "
                + "(empty: the caller may only ask this)", enumeration = {"viewer", "editor", "admin"})
        List<String> roles,
        @JsonProperty("auth_method")
        @Schema(required = true, description = "How the caller authenticated", enumeration = {"none", "api_key", "jwt", "host"})
        String authMethod,
        @JsonProperty("request_id")
        @Schema(description = "This request's id, as in the audit log and the X-Request-Id header")
        String requestId) {

    /** Maps the core's caller. */
    public static MeResponse of(Caller caller) {
        return new MeResponse(caller.tenant(), caller.principal(),
                caller.roles().stream().sorted().map(Role::wireName).toList(), caller.authMethod().wireName(),
                caller.requestId());
    }
}
