package io.pipelinemanager.war.dto;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Turns request texts (query parameters, JSON strings) into typed values; a malformed one is {@code InvalidRequest}. */
public final class Params {

    private Params() {
    }

    /** A text, or {@code null} when absent; an empty one is refused (leave the parameter out instead). */
    public static String text(String field, String text) {
        if (text != null && text.isEmpty()) {
            throw invalid(field, field + " must not be empty; leave it out to not filter by it");
        }
        return text;
    }

    /** An ISO-8601 instant with offset ({@code 2026-11-30T05:00:00Z}), or {@code null} when absent; empty is refused. */
    public static Instant instant(String field, String text) {
        if (text(field, text) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " must be an ISO-8601 time with offset, e.g. 2026-11-30T05:00:00Z");
        }
    }

    /** A whole number, or {@code null} when absent; empty is refused. */
    public static Integer integer(String field, String text) {
        if (text(field, text) == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw invalid(field, field + " must be a whole number");
        }
    }

    /** A whole number of up to 19 digits, or {@code null} when absent; empty is refused. */
    public static Long wholeNumber(String field, String text) {
        if (text(field, text) == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw invalid(field, field + " must be a whole number");
        }
    }

    /** An {@code InvalidRequest} naming the field or parameter. */
    public static ManagerException invalid(String field, String message) {
        return new ManagerException(ErrorCode.InvalidRequest, message, Map.of("field", field));
    }
}
