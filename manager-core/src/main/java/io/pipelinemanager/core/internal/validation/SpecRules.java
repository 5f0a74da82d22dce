package io.pipelinemanager.core.internal.validation;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The input rules every adapter gets for free: names, descriptions, code size and pipeline limits. No
 * client text may contain NUL (U+0000): PostgreSQL refuses it in text columns and parameters.
 */
public final class SpecRules {

    /** Longest allowed name. */
    public static final int MAX_NAME_LENGTH = 63;
    /** Longest allowed description. */
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    /** Largest allowed program, in UTF-8 bytes (1 MiB). */
    public static final int MAX_CODE_BYTES = 1 << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?");

    private SpecRules() {
    }

    /** Checks a program or pipeline name: 1–63 of {@code [A-Za-z0-9_-]}, no leading/trailing {@code -}/{@code _}, never a UUID. */
    public static String name(String name) {
        if (name != null && hasNul(name)) {
            throw nul(ErrorCode.InvalidName, "name", "A name");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ManagerException(ErrorCode.InvalidName,
                    "A name must be 1-" + MAX_NAME_LENGTH + " characters of letters, digits, '-' and '_', "
                            + "and must not start or end with '-' or '_'",
                    Map.of("name", String.valueOf(name)));
        }
        if (isUuid(name)) {
            throw new ManagerException(ErrorCode.InvalidName, "A name must not be a UUID", Map.of("name", name));
        }
        return name;
    }

    /** Checks a description (null means empty) and returns it normalised. */
    public static String description(String description) {
        if (description == null) {
            return "";
        }
        if (hasNul(description)) {
            throw nul(ErrorCode.InvalidDescription, "description", "A description");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ManagerException(ErrorCode.InvalidDescription,
                    "A description must be at most " + MAX_DESCRIPTION_LENGTH + " characters",
                    Map.of("length", description.length(), "max_length", MAX_DESCRIPTION_LENGTH));
        }
        return description;
    }

    /** Checks that program code is present and at most 1 MiB of UTF-8. */
    public static String code(String code) {
        if (code == null) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The program code is required", Map.of("field", "code"));
        }
        if (hasNul(code)) {
            throw nul(ErrorCode.InvalidRequest, "code", "The program code");
        }
        // Fast path: no string of at most MAX/4 chars can exceed MAX bytes.
        if (code.length() > MAX_CODE_BYTES / 4) {
            int bytes = code.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_CODE_BYTES) {
                throw new ManagerException(ErrorCode.CodeTooLarge,
                        "The program code must be at most " + MAX_CODE_BYTES + " bytes of UTF-8",
                        Map.of("size_bytes", bytes, "max_bytes", MAX_CODE_BYTES));
            }
        }
        return code;
    }

    /** Checks a reference to a program (its id or name) is present. */
    public static String programRef(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new ManagerException(ErrorCode.InvalidRequest, "The program (id or name) is required",
                    Map.of("field", "program"));
        }
        if (hasNul(ref)) {
            throw nul(ErrorCode.InvalidRequest, "program", "The program (id or name)");
        }
        return ref;
    }

    /**
     * Checks an id-or-name reference given by a client (a path segment in the REST API, hence the
     * field {@code id}): it must not contain NUL, which no stored name has and PostgreSQL cannot compare.
     */
    public static String ref(String ref) {
        if (ref != null && hasNul(ref)) {
            throw nul(ErrorCode.InvalidRequest, "id", "An id or name");
        }
        return ref;
    }

    /**
     * Checks optional client text (a filter value, ...): null passes; otherwise no NUL and at most
     * {@code maxLength} characters, else {@code InvalidRequest} naming {@code field}.
     */
    public static String text(String field, String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (hasNul(text)) {
            throw nul(ErrorCode.InvalidRequest, field, "'" + field + "'");
        }
        if (text.length() > maxLength) {
            throw new ManagerException(ErrorCode.InvalidRequest, "'" + field + "' must be at most " + maxLength + " characters",
                    Map.of("field", field, "max_length", maxLength));
        }
        return text;
    }

    private static boolean hasNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    private static ManagerException nul(ErrorCode code, String field, String what) {
        return new ManagerException(code, what + " must not contain NUL characters (U+0000)", Map.of("field", field));
    }

    /** Checks a pipeline configuration (null means the defaults) and returns it. */
    public static PipelineConfig config(PipelineConfig config) {
        if (config == null) {
            return PipelineConfig.DEFAULT;
        }
        if (config.workers() != 1) {
            // Steps run on one thread; a setting that would be ignored is refused instead.
            throw new ManagerException(ErrorCode.InvalidConfig, "Configuration value 'workers' must be 1: steps run on "
                    + "one thread (parallel steps are not implemented yet)",
                    Map.of("field", "workers", "value", config.workers(), "min", 1, "max", 1));
        }
        range("max_batch_records", config.maxBatchRecords(), 1, 10_000_000);
        range("max_batch_delay_millis", config.maxBatchDelayMillis(), 0, 60_000);
        range("max_buffered_records", config.maxBufferedRecords(), config.maxBatchRecords(), 100_000_000);
        range("checkpoint_interval_secs", config.checkpointIntervalSecs(), 1, 86_400);
        return config;
    }

    /** Fails with {@code OutdatedVersion} when the client expected another version than {@code current}. */
    public static void expectVersion(String kind, String name, long current, Long expected) {
        if (expected != null && expected != current) {
            throw new ManagerException(ErrorCode.OutdatedVersion,
                    kind + " '" + name + "' is at version " + current + ", not " + expected,
                    Map.of("expected_version", expected, "current_version", current));
        }
    }

    /** Fails with {@code DuplicateName} when {@code taken}; the database's unique constraint backs this up under races. */
    public static void uniqueName(String kind, String name, boolean taken) {
        if (taken) {
            throw new ManagerException(ErrorCode.DuplicateName, kind + " name '" + name + "' is already in use",
                    Map.of("name", name));
        }
    }

    /** Whether the text is a UUID in its canonical 36-character form. */
    public static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ManagerException(ErrorCode.InvalidConfig,
                    "Configuration value '" + field + "' must be between " + min + " and " + max,
                    Map.of("field", field, "value", value, "min", min, "max", max));
        }
    }
}
