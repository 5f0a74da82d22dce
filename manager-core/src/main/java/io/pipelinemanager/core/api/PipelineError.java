package io.pipelinemanager.core.api;

import java.util.Map;
import java.util.Objects;

/** Why a pipeline failed: a stable error code, a message, and structured details. */
public record PipelineError(ErrorCode code, String message, Map<String, Object> details) {

    public PipelineError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(Objects.requireNonNull(details, "details"));
    }
}
