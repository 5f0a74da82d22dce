package io.pipelinemanager.war.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipelinemanager.core.api.CreatedApiKey;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to {@code POST /api/api_keys}: the key and, this once only, its secret. */
@Schema(name = "ApiKeyCreated")
public record ApiKeyCreatedResponse(
        @JsonProperty("api_key") @Schema(required = true) ApiKeyResponse apiKey,
        @Schema(required = true, description = "The whole credential, pm_<lookup-id>_<secret>: send it as "
                + "'Authorization: Bearer <secret>'. Shown only in this answer; the server keeps an argon2id hash")
        String secret) {

    /** Maps the core record. */
    public static ApiKeyCreatedResponse of(CreatedApiKey created) {
        return new ApiKeyCreatedResponse(ApiKeyResponse.of(created.key()), created.secret());
    }

    @Override
    public String toString() {
        return "ApiKeyCreatedResponse[apiKey=" + apiKey + ", secret=(hidden)]";
    }
}
