package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append path both journals share: group commit. An appender queues its record (its sequence checked and
 * its bytes counted against the maximum under one lock, so the queue is in sequence order), then waits until
 * the batch holding it is durable. Whoever finds no flush running takes every queued record and makes it
 * durable with one {@link #flush} (one {@code force()} or one transaction) while later records queue up for
 * the next one; the others wait. Truncation and replay take the same turn, so they never overlap a flush.
 *
 * <p>A failed flush leaves the journal's stored state unknown: this instance then refuses every further
 * append, and the store hands out a fresh instance (which recovers from what is stored) on the next
 * {@link CheckpointStore#journal} call.
 */
abstract class GroupCommitJournal implements Journal {

    /** A queued record. */
    record Record(long sequence, byte[] payload) {
    }

    /** Work done while holding the flush turn. */
    @FunctionalInterface
    interface Turn<T> {
        T run() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long maxBytes;
    private final long reserveBytes;
    private List<Record> queued = new ArrayList<>();
    private long queuedBytes;
    private long openBatch = 1;
    private long durableBatch;
    private boolean busy;
    private IOException failure;
    private long bytes;
    private long lastSequence;
    private long flushes;
    private boolean closed;

    /**
     * @param maxBytes     the most bytes the journal may hold
     * @param reserveBytes bytes kept free for framing that is not per record (a segment header)
     * @param bytes        bytes it holds now
     * @param lastSequence its last sequence number now
     */
    GroupCommitJournal(long maxBytes, long reserveBytes, long bytes, long lastSequence) {
        this.maxBytes = maxBytes;
        this.reserveBytes = reserveBytes;
        this.bytes = bytes;
        this.lastSequence = lastSequence;
    }

    /** Bytes a record takes beside its payload (length, sequence, checksums), counted against the maximum. */
    static final int RECORD_OVERHEAD = 20;

    /** Bytes a record with a payload of {@code payloadLength} bytes counts for. */
    long recordBytes(int payloadLength) {
        return RECORD_OVERHEAD + (long) payloadLength;
    }

    /**
     * Makes {@code batch} (in sequence order, not empty) durable, or fails (the caller then treats the stored state
     * as unknown).
     *
     * @return bytes stored beside the records' (a new segment's header)
     */
    abstract long flush(List<Record> batch) throws IOException;

    @Override
    public void append(long sequence, byte[] payload) throws IOException {
        lock.lock();
        try {
            if (sequence <= lastSequence) {
                throw new IllegalArgumentException("journal sequence " + sequence + " does not follow " + lastSequence);
            }
            enqueueAndAwait(sequence, payload);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long appendNext(byte[] payload) throws IOException {
        lock.lock();
        try {
            long sequence = lastSequence + 1;
            enqueueAndAwait(sequence, payload);
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    private void enqueueAndAwait(long sequence, byte[] payload) throws IOException {
        checkUsable();
        long size = recordBytes(payload.length);
        long held = bytes + queuedBytes;
        if (held + size + reserveBytes > maxBytes) {
            throw new JournalFullException(held, maxBytes);
        }
        queued.add(new Record(sequence, payload.clone()));
        queuedBytes += size;
        lastSequence = sequence;
        long mine = openBatch;
        while (durableBatch < mine) {
            checkUsable();
            if (busy) {
                changed.awaitUninterruptibly();
                continue;
            }
            List<Record> batch = queued;
            long batchBytes = queuedBytes;
            long batchId = openBatch;
            queued = new ArrayList<>();
            queuedBytes = 0;
            openBatch++;
            busy = true;
            lock.unlock();
            Throwable thrown = null;
            long extra = 0;
            try {
                extra = flush(batch);
            } catch (Throwable e) {
                thrown = e;
            } finally {
                lock.lock();
            }
            busy = false;
            if (thrown == null) {
                durableBatch = batchId;
                bytes += batchBytes + extra;
                flushes++;
            } else {
                failure = thrown instanceof IOException io ? io
                        : new IOException("the journal could not be written: " + thrown, thrown);
            }
            changed.signalAll();
            if (thrown instanceof Error error) {
                throw error;
            }
            if (thrown != null) {
                // This thread's own write failed: its error as it is (the others in the batch are told by checkUsable).
                throw failure;
            }
        }
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write of this journal failed (" + failure.getMessage()
                    + "); open it again from the store", failure);
        }
        if (closed) {
            throw new IOException("the journal was closed");
        }
    }

    /** Runs {@code work} alone: no flush, truncation or replay of this journal runs meanwhile. */
    final <T> T exclusive(Turn<T> work) throws IOException {
        lock.lock();
        try {
            while (busy) {
                changed.awaitUninterruptibly();
            }
            checkUsable();
            busy = true;
        } finally {
            lock.unlock();
        }
        try {
            return work.run();
        } finally {
            lock.lock();
            try {
                busy = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Sequences continue after {@code sequence} (a truncation through it): the last sequence is at least that. */
    final void raiseLastSequence(long sequence) {
        lock.lock();
        try {
            lastSequence = Math.max(lastSequence, sequence);
        } finally {
            lock.unlock();
        }
    }

    /** Records that truncation freed {@code freed} bytes. */
    final void released(long freed) {
        lock.lock();
        try {
            bytes -= freed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a flush failed, so that the store replaces this instance. */
    final boolean failed() {
        lock.lock();
        try {
            return failure != null || closed;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further work once the running flush (if any) is over, then releases what the journal holds open. */
    final void close() {
        if (markClosed()) {
            closed();
        }
    }

    /** Releases what the journal holds open (files); called once, by {@link #close()}. */
    void closed() {
    }

    private boolean markClosed() {
        lock.lock();
        try {
            while (busy) {
                changed.awaitUninterruptibly();
            }
            boolean was = !closed;
            closed = true;
            changed.signalAll();
            return was;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long bytes() {
        lock.lock();
        try {
            return bytes + queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lastSequence() {
        lock.lock();
        try {
            return lastSequence;
        } finally {
            lock.unlock();
        }
    }

    /** Flushes done so far: with concurrent appenders fewer than appends (group commit). */
    public long flushes() {
        lock.lock();
        try {
            return flushes;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes the journal may hold. */
    long maxBytes() {
        return maxBytes;
    }
}
