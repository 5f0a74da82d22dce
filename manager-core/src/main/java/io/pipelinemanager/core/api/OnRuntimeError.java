package io.pipelinemanager.core.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What a pipeline does when a step fails at run time (division by zero, overflow, a failed cast, a scalar
 * subquery with more than one row, ...): pipeline setting {@code on_runtime_error}. In both cases the failed
 * step changes nothing: the circuit is rolled back to its state before the step.
 */
public enum OnRuntimeError {
    /**
     * Set aside the ingress request(s) whose records fail as rejected batches (kept, bounded, listed and
     * downloadable) and apply the step's other requests; the pipeline keeps running ({@code reject_batch},
     * the default).
     */
    REJECT_BATCH("reject_batch"),
    /** Move the pipeline to {@code FAILED} with the error, as before rejected batches existed ({@code fail}). */
    FAIL("fail");

    private final String value;

    OnRuntimeError(String value) {
        this.value = value;
    }

    /** The setting's value in JSON, e.g. {@code reject_batch}. */
    public String value() {
        return value;
    }

    /** The constant whose {@link #value()} (case-insensitive) is {@code text}; {@code InvalidConfig} otherwise. */
    public static OnRuntimeError fromValue(String text) {
        for (OnRuntimeError e : values()) {
            if (e.value.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new ManagerException(ErrorCode.InvalidConfig, "Configuration value 'on_runtime_error' must be one of "
                + Arrays.stream(values()).map(OnRuntimeError::value).toList() + ", not '" + text + "'",
                Map.of("field", "on_runtime_error", "value", String.valueOf(text)));
    }
}
