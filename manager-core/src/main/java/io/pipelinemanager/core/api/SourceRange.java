package io.pipelinemanager.core.api;

/** A 1-based, inclusive range of a program's text: from {@code startLine:startColumn} to {@code endLine:endColumn}. */
public record SourceRange(int startLine, int startColumn, int endLine, int endColumn) {

    /** The range used when a problem cannot be attributed to a token (the whole program). */
    public static final SourceRange UNKNOWN = new SourceRange(0, 0, 0, 0);

    public SourceRange {
        if (startLine < 0 || startColumn < 0 || endLine < 0 || endColumn < 0) {
            throw new IllegalArgumentException("source positions are 1-based (0 only for UNKNOWN)");
        }
    }

    /** Renders the range as {@code line:col-line:col}. */
    @Override
    public String toString() {
        return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
    }
}
