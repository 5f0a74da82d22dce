package io.pipelinemanager.core.internal.io.egress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a view's changes as JSON for one subscriber or query. A row of weight k is written k times
 * ({@code {"insert": row}} for k &gt; 0, {@code {"delete": row}} for k &lt; 0); deletes come before inserts so an
 * update reads as delete-then-insert. Column names are the view's names; values follow {@link ValueFormats}.
 * Thread-safe; each call writes complete lines to {@code out} (flushed, not closed).
 */
public final class JsonChangeEncoder {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final List<ColumnShape> columns;

    /** An encoder for rows of {@code view}. */
    public JsonChangeEncoder(RelationShape view) {
        this.columns = view.columns();
    }

    /** Bare NDJSON: one line {@code {"insert": {...}}} or {@code {"delete": {...}}} per unit of weight. */
    public void writeChanges(ZSet delta, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            Changes.forEach(delta, (row, insert) -> {
                change(g, row, insert);
                g.writeRaw('\n');
            });
        }
    }

    /** One line {@code {"step": n, "changes": [{"insert": {...}}, ...]}} (written even when the delta is empty). */
    public void writeStep(long step, ZSet delta, OutputStream out) throws IOException {
        envelope(step, false, delta, out);
    }

    /**
     * A view's current contents (all weights positive) as one line
     * {@code {"step": n, "snapshot": true, "changes": [{"insert": {...}}, ...]}}; steps after n follow as deltas.
     */
    public void writeSnapshot(long step, ZSet contents, OutputStream out) throws IOException {
        Changes.requirePositive(contents);
        envelope(step, true, contents, out);
    }

    /** Query results: one plain row object per line, repeated by weight (all weights must be positive). */
    public void writeRows(ZSet contents, OutputStream out) throws IOException {
        Changes.requirePositive(contents);
        try (JsonGenerator g = generator(out)) {
            Changes.forEach(contents, (row, insert) -> {
                row(g, row);
                g.writeRaw('\n');
            });
        }
    }

    /** Rows in the given order (e.g. a query's ORDER BY), one plain row object per line. */
    public void writeRows(Iterable<? extends Row> rows, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            for (Row row : rows) {
                row(g, row);
                g.writeRaw('\n');
            }
        }
    }

    /**
     * A table's changes in the ingress JSON format, in their order: one line {@code {"insert": {...}}},
     * {@code {"delete": {...}}} or {@code {"update": {...}}} (with the columns the update sets only) per record.
     */
    public void writeTableChanges(TableChanges changes, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            for (int i = 0; i < changes.size(); i++) {
                for (long n = 0; n < changes.count(i); n++) {
                    g.writeStartObject();
                    g.writeFieldName(changes.kind(i).name().toLowerCase(java.util.Locale.ROOT));
                    g.writeStartObject();
                    Row row = changes.row(i);
                    for (int c = 0; c < columns.size(); c++) {
                        if (changes.present(i, c)) {
                            g.writeFieldName(columns.get(c).name());
                            ValueFormats.writeJson(g, row.get(c), columns.get(c).type());
                        }
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }
        }
    }

    private void envelope(long step, boolean snapshot, ZSet delta, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeNumberField("step", step);
            if (snapshot) {
                g.writeBooleanField("snapshot", true);
            }
            g.writeArrayFieldStart("changes");
            Changes.forEach(delta, (row, insert) -> change(g, row, insert));
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private void change(JsonGenerator g, Row row, boolean insert) throws IOException {
        g.writeStartObject();
        g.writeFieldName(insert ? "insert" : "delete");
        row(g, row);
        g.writeEndObject();
    }

    private void row(JsonGenerator g, Row row) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            ColumnShape c = columns.get(i);
            g.writeFieldName(c.name());
            ValueFormats.writeJson(g, row.get(i), c.type());
        }
        g.writeEndObject();
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        return g;
    }
}
