package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.ApiKey;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An API key as the API shows it: never its secret or hash. */
@Schema(name = "ApiKey")
public record ApiKeyResponse(
        @Schema(required = true) String name,
        @Schema(required = true, description = "The public start of the key, pm_<lookup-id>: tells keys apart, "
                + "authenticates nothing", example = "pm_4fj2k9q1")
        String prefix,
        @Schema(required = true, enumeration = {"viewer", "editor", "admin"}) String role,
        @Schema(required = true, enumeration = {"active", "expired", "revoked"}) String status,
        @JsonProperty("created_at") @Schema(required = true, format = "date-time") String createdAt,
        @JsonProperty("created_by") @Schema(required = true, description = "The principal that created it "
                + "(bootstrap for a key made against the database)") String createdBy,
        @JsonProperty("expires_at") @Schema(format = "date-time", description = "null: never") String expiresAt,
        @JsonProperty("revoked_at") @Schema(format = "date-time") String revokedAt,
        @JsonProperty("last_used_at") @Schema(format = "date-time", description = "To the minute; null: never used")
        String lastUsedAt) {

    /** Maps the core record. */
    public static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.name(), key.prefix(), key.role().wireName(), key.status().wireName(),
                iso(key.createdAt()), key.createdBy(), iso(key.expiresAt()), iso(key.revokedAt()), iso(key.lastUsedAt()));
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
