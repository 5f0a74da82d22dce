package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams UTF-8 CSV rows of one table as inserts. Fields are positional (no header line) and must number
 * exactly the table's columns. As in PostgreSQL's COPY CSV, an unquoted empty field is NULL and a quoted
 * empty field {@code ""} is the empty string.
 */
final class CsvIngressParser {
    /** Longest record accepted, in characters (bounds memory for bodies without line breaks). */
    static final int MAX_RECORD_CHARS = 16 << 20;

    private final RelationShape table;
    private final RowCollector out;

    CsvIngressParser(RelationShape table, long maxRecords) {
        this(table, maxRecords, bytes -> { });
    }

    /** A parser that reports the estimated in-memory size of every parsed row to {@code charge} before keeping it. */
    CsvIngressParser(RelationShape table, long maxRecords, LongConsumer charge) {
        this.table = table;
        this.out = new RowCollector(table, maxRecords, charge);
    }

    /** Parses the whole stream (not closing it) into inserts in arrival order. */
    TableChanges parse(InputStream in) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvReader csv = new CsvReader(r, MAX_RECORD_CHARS);
        try {
            while (csv.next()) {
                long record = out.begin();
                Object[] values = row(csv, record);
                boolean[] all = new boolean[values.length];
                java.util.Arrays.fill(all, true);
                out.record(TableChanges.Kind.INSERT, values, all,
                        (column, reason) -> IngressErrors.parseError(table.name(), record, column, reason, csv.recordLine()));
            }
        } catch (CsvSyntaxException e) {
            throw IngressErrors.parseError(table.name(), out.records() + 1, null, "malformed CSV: " + e.getMessage(), e.line());
        } catch (CharacterCodingException e) {
            throw IngressErrors.parseError(table.name(), out.records() + 1, null, "the body is not valid UTF-8", -1);
        }
        return out.build();
    }

    private Object[] row(CsvReader csv, long record) {
        List<String> fields = csv.fields();
        int n = table.size();
        if (fields.size() != n) {
            throw IngressErrors.parseError(table.name(), record, null,
                    "expected " + n + " fields, got " + fields.size(), csv.recordLine());
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            ColumnShape c = table.column(i);
            String f = fields.get(i);
            if (f.isEmpty() && !csv.quoted(i)) {
                if (!c.type().nullable()) {
                    throw IngressErrors.parseError(table.name(), record, c.name(),
                            "NULL value (empty field) for a NOT NULL column", csv.recordLine());
                }
                continue;
            }
            try {
                values[i] = TextValues.parse(f, c.type());
            } catch (BadValueException e) {
                throw IngressErrors.parseError(table.name(), record, c.name(), e.getMessage(), csv.recordLine());
            }
        }
        return values;
    }
}
