package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;

/** The journal holds its configured maximum of bytes; the caller answers {@code BackPressure}. */
public final class JournalFullException extends IOException {
    private final long bytes;
    private final long maxBytes;

    public JournalFullException(long bytes, long maxBytes) {
        super("the input journal is full (" + bytes + " of " + maxBytes + " bytes); a checkpoint truncates it");
        this.bytes = bytes;
        this.maxBytes = maxBytes;
    }

    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
