package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;

/**
 * The input journal of one pipeline: an append-only sequence of opaque records, each with a
 * strictly increasing sequence number chosen by the writer. One writer at a time.
 */
public interface Journal {

    /** Receives records during {@link #replay}. */
    @FunctionalInterface
    interface Visitor {
        void record(long sequence, byte[] payload) throws IOException;
    }

    /**
     * Appends one record; when this returns the record is durable (fsync'd or committed). Concurrent
     * callers may share one flush (group commit). Sequences must increase.
     *
     * @throws JournalFullException when the journal holds its configured maximum; nothing is written
     */
    void append(long sequence, byte[] payload) throws IOException;

    /** Visits, in order, every record with a sequence number greater than {@code afterSequence}. Checksums are verified. */
    void replay(long afterSequence, Visitor visitor) throws IOException;

    /** Drops every record with sequence ≤ {@code sequence} (after a checkpoint that includes them). */
    void truncateThrough(long sequence) throws IOException;

    /** Bytes the journal holds now. */
    long bytes();

    /** The sequence number of the last record appended (or replayed), 0 when empty. */
    long lastSequence();
}
