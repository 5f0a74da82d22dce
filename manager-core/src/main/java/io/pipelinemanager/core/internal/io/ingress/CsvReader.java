package io.pipelinemanager.core.internal.io.ingress;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 record reader: comma-separated fields, records ended by CRLF, LF or CR, fields
 * optionally enclosed in double quotes (which may contain commas, line breaks and {@code ""} for a quote).
 * A quote inside an unquoted field, text after a closing quote and an unterminated quote are errors.
 * Blank lines are skipped. Remembers per field whether it was quoted (so empty-unquoted can mean NULL).
 */
final class CsvReader {
    private static final int EOF = -1;

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private long recordLine;
    private int recordChars;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();
    private boolean[] quoted = new boolean[16];
    private boolean started;

    CsvReader(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /** Reads the next non-blank record; false at the end of input. */
    boolean next() throws IOException, CsvSyntaxException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                pos++;
            }
        }
        while (true) {
            fields.clear();
            recordChars = 0;
            recordLine = line;
            int c = peek();
            if (c == EOF) {
                return false;
            }
            if (c == '\r' || c == '\n') {
                endOfLine();
                continue;
            }
            readRecord();
            return true;
        }
    }

    private void readRecord() throws IOException, CsvSyntaxException {
        while (true) {
            boolean q = peek() == '"';
            if (q) {
                pos++;
                readQuoted();
            } else {
                readUnquoted();
            }
            addField(q);
            int c = peek();
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                endOfLine();
            }
            return;
        }
    }

    private void readUnquoted() throws IOException, CsvSyntaxException {
        while (true) {
            int c = peek();
            if (c == EOF || c == ',' || c == '\r' || c == '\n') {
                return;
            }
            if (c == '"') {
                throw new CsvSyntaxException("quote character inside an unquoted field (enclose the field in quotes and double the quote)", line);
            }
            append((char) c);
            pos++;
        }
    }

    private void readQuoted() throws IOException, CsvSyntaxException {
        long opened = line;
        while (true) {
            int c = peek();
            if (c == EOF) {
                throw new CsvSyntaxException("unterminated quoted field (opened on line " + opened + ")", line);
            }
            pos++;
            if (c == '"') {
                if (peek() == '"') {
                    pos++;
                } else {
                    int after = peek();
                    if (after != EOF && after != ',' && after != '\r' && after != '\n') {
                        throw new CsvSyntaxException("unexpected character after a closing quote", line);
                    }
                    return;
                }
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            append((char) c);
        }
    }

    private void append(char c) throws CsvSyntaxException {
        if (++recordChars > maxRecordChars) {
            throw new CsvSyntaxException("record longer than " + maxRecordChars + " characters", recordLine);
        }
        field.append(c);
    }

    private void addField(boolean q) {
        int i = fields.size();
        if (i == quoted.length) {
            quoted = java.util.Arrays.copyOf(quoted, i * 2);
        }
        quoted[i] = q;
        fields.add(field.toString());
        field.setLength(0);
    }

    private void endOfLine() throws IOException {
        if (peek() == '\r') {
            pos++;
            if (peek() == '\n') {
                pos++;
            }
        } else {
            pos++;
        }
        line++;
    }

    private int peek() throws IOException {
        if (pos < len) {
            return buf[pos];
        }
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
            len = 0;
            return EOF;
        }
        return buf[0];
    }

    /** The fields of the current record. */
    List<String> fields() {
        return fields;
    }

    /** True when field {@code i} of the current record was enclosed in quotes. */
    boolean quoted(int i) {
        return quoted[i];
    }

    /** The line where the current record starts. */
    long recordLine() {
        return recordLine;
    }
}
