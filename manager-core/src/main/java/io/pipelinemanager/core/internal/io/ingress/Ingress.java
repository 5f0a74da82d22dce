package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Entry point of ingress: one request body for one table → its changes in arrival order, all or nothing. */
public final class Ingress {
    private Ingress() {
    }

    /**
     * Parses {@code body} (streamed, not closed) in {@code format} for {@code table}. Returns the changes in
     * arrival order (inserts, deletes and, in JSON for tables with a primary key, updates) only when every record
     * parsed and fits its columns.
     *
     * @throws io.pipelinemanager.core.api.ManagerException {@code ParseError} (details: table, record, column,
     *         reason, line) or {@code BackPressure} once more than {@code maxRecords} records are seen
     * @throws IOException when reading the body fails (e.g. the client went away)
     */
    public static TableChanges parse(DataFormat format, RelationShape table, InputStream body, long maxRecords) throws IOException {
        return parse(format, table, body, maxRecords, bytes -> { });
    }

    /**
     * Parses like {@link #parse(DataFormat, RelationShape, InputStream, long)}, reporting the estimated in-memory
     * size of every row to {@code charge} before keeping it; {@code charge} may throw to stop the parse
     * (e.g. {@code BackPressure} when the pipeline's input buffer is full in bytes).
     */
    public static TableChanges parse(DataFormat format, RelationShape table, InputStream body, long maxRecords, LongConsumer charge)
            throws IOException {
        switch (format) {
            case JSON: return new JsonIngressParser(table, maxRecords, charge).parse(body);
            case CSV: return new CsvIngressParser(table, maxRecords, charge).parse(body);
            default: throw new IllegalArgumentException("unsupported format " + format);
        }
    }
}
