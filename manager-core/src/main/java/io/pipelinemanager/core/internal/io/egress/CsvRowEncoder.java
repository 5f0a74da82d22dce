package io.pipelinemanager.core.internal.io.egress;

import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes rows as RFC 4180 CSV with CRLF line ends. NULL is an empty unquoted field and the empty string is
 * {@code ""}; fields containing a comma, quote, CR or LF are quoted with quotes doubled, so the output parses
 * back through CSV ingress unchanged. Values follow {@link ValueFormats#text}.
 */
public final class CsvRowEncoder {
    private final List<ColumnShape> columns;

    /** An encoder for rows of {@code relation}. */
    public CsvRowEncoder(RelationShape relation) {
        this.columns = relation.columns();
    }

    /** A header line with the column names (optional; CSV ingress does not expect one). */
    public void writeHeader(Writer out) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(columns.get(i).name(), out);
        }
        out.write("\r\n");
    }

    /** One line per unit of weight; all weights must be positive. */
    public void writeRows(ZSet contents, Writer out) throws IOException {
        Changes.requirePositive(contents);
        Changes.forEach(contents, (row, insert) -> writeRow(row, out));
    }

    /** One line for {@code row}. */
    public void writeRow(Row row, Writer out) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object v = row.get(i);
            if (v != null) {
                writeField(ValueFormats.text(v, columns.get(i).type()), out);
            }
        }
        out.write("\r\n");
    }

    /** Writes {@code s} quoted when it is empty or contains a comma, quote, CR or LF. */
    static void writeField(String s, Writer out) throws IOException {
        if (!needsQuotes(s)) {
            out.write(s);
            return;
        }
        out.write('"');
        out.write(s.replace("\"", "\"\""));
        out.write('"');
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
