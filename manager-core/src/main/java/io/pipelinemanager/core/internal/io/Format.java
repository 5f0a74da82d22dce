package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import java.util.Locale;
import java.util.Map;

/** The wire formats of the data plane (the {@code ?format=} query parameter). */
public enum Format {
    /** JSON: {@code {"insert": {...}}}/{@code {"delete": {...}}} or raw records, newline-delimited or in arrays. */
    JSON,
    /** CSV (RFC 4180), positional columns, no header; ingress rows are inserts. */
    CSV;

    /** The format named {@code name} (case-insensitive); null or blank means JSON. */
    public static Format fromName(String name) {
        if (name == null || name.isBlank()) {
            return JSON;
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "json":
            case "ndjson":
                return JSON;
            case "csv":
                return CSV;
            default:
                throw new ManagerException(ErrorCode.InvalidRequest, "unknown format '" + name + "' (expected json or csv)",
                        Map.of("format", name));
        }
    }
}
