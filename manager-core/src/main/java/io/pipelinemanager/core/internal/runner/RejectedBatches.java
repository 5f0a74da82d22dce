package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.RejectedBatch;
import io.pipelinemanager.core.internal.engine.TableChanges;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rejected batches of one running pipeline, newest last, bounded by count and by the estimated bytes of
 * their records: adding beyond either bound drops the oldest, and {@link #dropped()} counts them. Thread-safe.
 */
final class RejectedBatches {

    /** At most this many batches are kept. */
    static final int MAX_BATCHES = 100;
    /** At most this many estimated bytes of records are kept (a larger single batch keeps its description only). */
    static final long MAX_BYTES = 32L << 20;

    /** A kept batch: its description and its records (null once they were dropped to respect {@link #MAX_BYTES}). */
    record Entry(RejectedBatch batch, TableChanges changes, long bytes) {
    }

    private final int maxBatches;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long numbered;
    private long records;
    private long dropped;

    RejectedBatches() {
        this(MAX_BATCHES, MAX_BYTES);
    }

    RejectedBatches(int maxBatches, long maxBytes) {
        this.maxBatches = maxBatches;
        this.maxBytes = maxBytes;
    }

    /** The number the next batch gets. */
    synchronized long nextNumber() {
        return numbered + 1;
    }

    /** Keeps {@code batch} (numbered {@link #nextNumber()}) with its records, dropping the oldest beyond the bounds. */
    synchronized void add(RejectedBatch batch, TableChanges changes) {
        if (batch.number() != numbered + 1) {
            throw new IllegalArgumentException("batch " + batch.number() + " is not the next (" + (numbered + 1) + ")");
        }
        numbered = batch.number();
        records += batch.records();
        long size = ChangeSizes.estimate(changes);
        Entry entry = size > maxBytes ? new Entry(batch, null, 0) : new Entry(batch, changes, size);
        entries.addLast(entry);
        bytes += entry.bytes();
        while (entries.size() > maxBatches || bytes > maxBytes) {
            Entry old = entries.removeFirst();
            bytes -= old.bytes();
            dropped++;
        }
    }

    /** The kept batches, oldest first. */
    synchronized List<RejectedBatch> list() {
        List<RejectedBatch> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.batch()));
        return out;
    }

    /** The kept batch numbered {@code number}; {@code UnknownRejectedBatch} otherwise. */
    synchronized Entry get(String pipeline, long number) {
        for (Entry e : entries) {
            if (e.batch().number() == number) {
                return e;
            }
        }
        throw new ManagerException(ErrorCode.UnknownRejectedBatch, "Pipeline '" + pipeline + "' keeps no rejected batch "
                + number + (number >= 1 && number <= numbered ? " (dropped as the oldest)" : ""),
                Map.of("pipeline", pipeline, "rejected_batch", number));
    }

    /** Batches rejected so far, kept or dropped. */
    synchronized long count() {
        return numbered;
    }

    /** Record changes of every batch rejected so far. */
    synchronized long records() {
        return records;
    }

    /** Batches dropped as the oldest to respect the bounds. */
    synchronized long dropped() {
        return dropped;
    }
}
