package io.pipelinemanager.core.api;

import java.util.Locale;
import java.util.Map;

/**
 * The serialized formats of the data plane: ingress bodies
 * ({@link io.pipelinemanager.core.PipelineManager#ingress}) and snapshot query answers
 * ({@link io.pipelinemanager.core.PipelineManager#prepareQuery}). Hosts that hold Java objects need
 * neither: they push rows and receive typed changes directly.
 */
public enum DataFormat {
    /**
     * JSON. Ingress: {@code {"insert": {...}}} / {@code {"delete": {...}}} records, or raw row objects as
     * inserts, newline-delimited or in JSON arrays. Query answers: one JSON object per row and line.
     */
    JSON,
    /**
     * CSV (RFC 4180). Ingress: positional columns, no header, every row an insert, an unquoted empty field
     * is NULL. Query answers: a header line with the column names, then one line per row.
     */
    CSV;

    /**
     * The format called {@code name} on the wire ({@code json} — also {@code ndjson} — or {@code csv}, any case;
     * null or blank is {@code json}); anything else is {@code InvalidRequest} with the name in {@code details.format}.
     */
    public static DataFormat fromName(String name) {
        String n = name == null || name.isBlank() ? "json" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "json":
            case "ndjson":
                return JSON;
            case "csv":
                return CSV;
            default:
                throw new ManagerException(ErrorCode.InvalidRequest,
                        "unknown format '" + name + "' (expected json or csv)", Map.of("format", String.valueOf(name)));
        }
    }
}
