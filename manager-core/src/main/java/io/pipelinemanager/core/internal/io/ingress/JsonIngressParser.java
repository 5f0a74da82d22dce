package io.pipelinemanager.core.internal.io.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.util.Locale;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Streams JSON records of one table: a sequence of top-level values (newline-delimited or not), each a record
 * object or an array of record objects. A record is {@code {"insert": {...}}}, {@code {"delete": {...}}},
 * {@code {"update": {...}}} (tables with a primary key: the key columns and the columns to change) or a raw
 * row object (an insert). An object whose first field is "insert", "delete" or "update" with an object value is
 * always a change record (column values are never objects), and must have no other field. How omitted
 * columns are completed: {@link RowCollector#record}.
 */
final class JsonIngressParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private final RelationShape table;
    private final RowCollector out;
    /** The error of the current record once read (the parser is still on its closing brace, so on its last line). */
    private final RowCollector.Problem problem = (column, reason) -> error(column, reason, line());
    /**
     * The columns of the fields of the last records by position in the record: Jackson hands out the same
     * (canonical) String for a field name every time, so a record with the fields in the same order as the one
     * before resolves each name with one reference comparison instead of a lookup by name.
     */
    private final String[] names;
    private final int[] columns;
    private JsonParser p;
    private boolean inRecord;

    JsonIngressParser(RelationShape table, long maxRecords) {
        this(table, maxRecords, bytes -> { });
    }

    /** A parser that reports the estimated in-memory size of every parsed row to {@code charge} before keeping it. */
    JsonIngressParser(RelationShape table, long maxRecords, LongConsumer charge) {
        this.table = table;
        this.out = new RowCollector(table, maxRecords, charge);
        this.names = new String[table.size()];
        this.columns = new int[table.size()];
    }

    /** Parses the whole stream (not closing it) into its changes in arrival order. */
    TableChanges parse(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            p = parser;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        record(t);
                    }
                } else {
                    record(t);
                }
            }
        } catch (StreamConstraintsException e) {
            JsonLocation at = e.getLocation();
            throw error(null, limit(e.getOriginalMessage()), at == null ? -1 : at.getLineNr());
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw error(null, "malformed JSON: " + clean(e.getOriginalMessage()), at == null ? -1 : at.getLineNr());
        }
        return out.build();
    }

    private void record(JsonToken start) throws IOException {
        out.begin();
        inRecord = true;
        if (start != JsonToken.START_OBJECT) {
            throw error(null, "expected a JSON object, got " + describe(start), line());
        }
        Object[] values = new Object[table.size()];
        boolean[] seen = new boolean[table.size()];
        TableChanges.Kind kind = TableChanges.Kind.INSERT;
        JsonToken t = p.nextToken();
        if (t == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            TableChanges.Kind change = v == JsonToken.START_OBJECT ? changeKind(name) : null;
            if (change != null) {
                kind = change;
                fields(p.nextToken(), 0, values, seen);
                if (p.nextToken() != JsonToken.END_OBJECT) {
                    throw error(null, "a change record must have exactly one field, \"insert\", \"delete\" or "
                            + "\"update\"", line());
                }
            } else {
                column(name, 0, v, values, seen);
                fields(p.nextToken(), 1, values, seen);
            }
        }
        out.record(kind, values, seen, problem);
        inRecord = false;
    }

    /** The fields from {@code first}, the {@code position}-th field of its object (0-based), to the object's end. */
    private void fields(JsonToken first, int position, Object[] values, boolean[] seen) throws IOException {
        int at = position;
        for (JsonToken t = first; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            column(name, at++, p.nextToken(), values, seen);
        }
    }

    private void column(String name, int position, JsonToken v, Object[] values, boolean[] seen) throws IOException {
        int i = indexOf(name, position);
        if (i < 0 && changeKind(name) != null) {
            throw error(null, "the value of \"" + name + "\" must be a JSON object with the row's columns", line());
        }
        if (i < 0) {
            throw error(name, "unknown column \"" + TextValues.shorten(name) + "\"", line());
        }
        ColumnShape c = table.column(i);
        if (seen[i]) {
            throw error(c.name(), "duplicate value for the column", line());
        }
        seen[i] = true;
        try {
            values[i] = JsonValues.read(p, v, c.type());
        } catch (BadValueException e) {
            throw error(c.name(), e.getMessage(), line());
        }
        if (values[i] == null && !c.type().nullable()) {
            throw error(c.name(), "NULL value for a NOT NULL column", line());
        }
    }

    /** The column of field {@code name}, the {@code position}-th of its object, or -1. */
    private int indexOf(String name, int position) {
        if (position < names.length && names[position] == name) {
            return columns[position];
        }
        int i = table.indexOf(name);
        if (position < names.length) { // a later field is a duplicate or unknown: an error anyway
            names[position] = name;
            columns[position] = i;
        }
        return i;
    }

    /** The change a record's only field names ("insert", "delete", "update"), or null. */
    private static TableChanges.Kind changeKind(String field) {
        return switch (field) {
            case "insert" -> TableChanges.Kind.INSERT;
            case "delete" -> TableChanges.Kind.DELETE;
            case "update" -> TableChanges.Kind.UPDATE;
            default -> null;
        };
    }

    private long line() {
        return p.currentTokenLocation().getLineNr();
    }

    private ManagerException error(String column, String reason, long line) {
        long record = inRecord ? out.records() : out.records() + 1;
        return IngressErrors.parseError(table.name(), record, column, reason, line);
    }

    /** Which of the JSON reader's limits was exceeded, told without the library's wording. */
    private static String limit(String libraryMessage) {
        StreamReadConstraints limits = FACTORY.streamReadConstraints();
        String m = String.valueOf(libraryMessage).toLowerCase(Locale.ROOT);
        if (m.startsWith("number")) {
            return "a number is longer than the JSON reader's limit of " + limits.getMaxNumberLength() + " characters";
        } else if (m.startsWith("string")) {
            return "a string is longer than the JSON reader's limit of " + limits.getMaxStringLength() + " characters";
        } else if (m.startsWith("name")) {
            return "a field name is longer than the JSON reader's limit of " + limits.getMaxNameLength() + " characters";
        } else if (m.contains("nesting")) {
            return "arrays and objects are nested deeper than the JSON reader's limit of " + limits.getMaxNestingDepth();
        }
        return "the body exceeds a limit of the JSON reader";
    }

    /** Jackson's message without its source/location decorations. */
    private static String clean(String message) {
        String m = String.valueOf(message);
        int cut = m.indexOf(" (start marker at ");
        m = cut >= 0 ? m.substring(0, cut) : m;
        cut = m.indexOf("\n at [Source");
        return cut >= 0 ? m.substring(0, cut) : m;
    }

    private static String describe(JsonToken t) {
        return t.isScalarValue() ? "a scalar value" : t == JsonToken.START_ARRAY ? "a nested array" : String.valueOf(t);
    }
}
