package io.pipelinemanager.core.internal.io.ingress;

/** Malformed CSV text at a line; the parser adds the record number. Cheap (no stack trace). */
final class CsvSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long line;

    CsvSyntaxException(String reason, long line) {
        super(reason, null, false, false);
        this.line = line;
    }

    /** The 1-based line where the problem was detected. */
    long line() {
        return line;
    }
}
