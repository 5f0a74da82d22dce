package io.pipelinemanager.core.api;

import java.util.Map;
import java.util.Objects;

/** The one exception the manager throws for refused or failed operations: a stable code, a message, details. */
public class ManagerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    /** A refusal with details (values must be JSON-friendly: strings, numbers, booleans, lists, maps). */
    public ManagerException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    /** A refusal without details. */
    public ManagerException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    /** A failure caused by another exception. */
    public ManagerException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Map.copyOf(Objects.requireNonNull(details, "details"));
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** Structured details for the client (never internal stack traces). */
    public Map<String, Object> details() {
        return details;
    }
}
