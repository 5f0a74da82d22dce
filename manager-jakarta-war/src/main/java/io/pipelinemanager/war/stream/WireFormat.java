package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.ws.rs.core.MediaType;

import java.util.Locale;
import java.util.Map;

/** The data formats of ingress bodies and query answers: the core's {@link DataFormat} and the HTTP media type. */
public enum WireFormat {
    /** One JSON object per line. */
    JSON(DataFormat.JSON, "application/x-ndjson"),
    /** RFC 4180 CSV. */
    CSV(DataFormat.CSV, "text/csv"),
    /** Query answers only: the CSV text served as {@code text/plain}, for terminals and browsers. */
    TEXT(DataFormat.CSV, MediaType.TEXT_PLAIN);

    /** The media type of newline-delimited JSON. */
    public static final String NDJSON = "application/x-ndjson";
    /** The media type of CSV. */
    public static final String TEXT_CSV = "text/csv";

    private static final MediaType CSV_TYPE = new MediaType("text", "csv");

    private final DataFormat core;
    private final String mediaType;

    WireFormat(DataFormat core, String mediaType) {
        this.core = core;
        this.mediaType = mediaType;
    }

    /** The format the facade takes. */
    public DataFormat core() {
        return core;
    }

    /** The media type of a body in this format. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * An ingress body's format: the {@code format} parameter if given ({@code InvalidRequest} unless json or csv),
     * else CSV for {@code text/csv}, else JSON.
     */
    public static DataFormat ingress(String format, MediaType contentType) {
        if (format != null && !format.isBlank()) {
            return DataFormat.fromName(format);
        }
        return contentType != null && contentType.isCompatible(CSV_TYPE) ? DataFormat.CSV : DataFormat.JSON;
    }

    /** A query answer's format from the {@code format} parameter: json (default), csv or text. */
    public static WireFormat query(String format) {
        if (format == null || format.isBlank()) {
            return JSON;
        }
        try {
            return valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ManagerException(ErrorCode.InvalidRequest,
                    "Unknown query format '" + format + "'; use json, csv or text", Map.of("format", format));
        }
    }
}
