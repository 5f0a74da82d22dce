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

    /**
     * Appends one record with the next sequence number, {@link #lastSequence()} + 1, chosen atomically with its
     * place in the journal, so that concurrent callers need no lock of their own and still share flushes (group
     * commit). Durable when this returns, like {@link #append}.
     *
     * @return the record's sequence number
     * @throws JournalFullException when the journal holds its configured maximum; nothing is written
     */
    default long appendNext(byte[] payload) throws IOException {
        long sequence = lastSequence() + 1;
        append(sequence, payload);
        return sequence;
    }

    /** Visits, in order, every record with a sequence number greater than {@code afterSequence}. Checksums are verified. */
    void replay(long afterSequence, Visitor visitor) throws IOException;

    /** Drops every record with sequence ≤ {@code sequence} (after a checkpoint that includes them). */
    void truncateThrough(long sequence) throws IOException;

    /** Bytes the journal holds now. */
    long bytes();

    /**
     * The sequence number of the last record appended (or found when the journal was opened), 0 when nothing
     * was appended since the journal was created or cleared. {@link #truncateThrough} keeps it: sequences go on
     * from there, also after a restart.
     */
    long lastSequence();
}
