package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.CheckpointStats;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.FaultTolerance;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.internal.checkpoint.CheckpointInfo;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.checkpoint.CorruptStateException;
import io.pipelinemanager.core.internal.checkpoint.Journal;
import io.pipelinemanager.core.internal.checkpoint.JournalFullException;
import io.pipelinemanager.core.internal.engine.Circuit;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The durability of one pipeline runner, after its {@link FaultTolerance} mode: loading the last checkpoint and
 * replaying the input journal at start, journaling ingress requests and step boundaries
 * ({@code exactly_once}), and writing checkpoints — periodically and on request (captured on the step thread
 * between steps, encoded and written on a background thread, then the journal truncated) and at stop.
 *
 * <p>Every input and every step boundary takes the journal's next sequence number; concurrent ingress requests
 * share the journal's flushes (group commit), so their sequence order need not be the order the runner queues
 * them in: a {@code STEP} record names the inputs its step applied. A checkpoint records the last journal
 * sequence up to which every input is in its state: below the first input still waiting for a step or still
 * being journaled (or, with none, everything journaled so far).
 */
final class Durability {

    private static final Logger LOG = LoggerFactory.getLogger(Durability.class);

    private final CheckpointStore store;
    private final PipelineId id;
    private final String pipeline;
    private final FaultTolerance mode;
    private final long intervalNanos;
    private final String programHash;
    private volatile Journal journal;
    /**
     * Inputs being journaled and not yet queued: for each, the journal's last sequence before its append (its own
     * is greater), with how many share it. Guarded by itself.
     */
    private final TreeMap<Long, Integer> journaling = new TreeMap<>();
    /** The journal's capacity once a full journal told it (0 before); inputs leave 1/{@link #STEP_RESERVE} of it free. */
    private volatile long journalMaxBytes;
    private static final int STEP_RESERVE = 32;
    private final ExecutorService writer;
    private Future<?> inFlight;
    private volatile boolean requested;
    private long lastCaptureNanos = System.nanoTime();
    private long lastCapturedStep = -1;
    private volatile long lastWrittenStep = -1;

    // Statistics (written by the step thread or the writer, read by stats()).
    private volatile long checkpoints;
    private volatile long lastStep = -1;
    private volatile Instant lastAt;
    private volatile long lastBytes;
    private volatile long lastMillis;
    private volatile long lastPauseMicros;
    private volatile String lastError;
    private volatile long recoveryMillis;
    private volatile long replayedRecords;

    private Durability(CheckpointStore store, PipelineId id, String pipeline, FaultTolerance mode, long intervalSecs,
                       String programHash) {
        this.store = store;
        this.id = id;
        this.pipeline = pipeline;
        this.mode = mode;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(Math.max(1, intervalSecs));
        this.programHash = Objects.toString(programHash, "");
        this.writer = mode.checkpoints() ? checkpointWriter(pipeline) : null;
    }

    /** How long the checkpoint writer's thread outlives its last write (an idle pipeline holds no thread). */
    static final long WRITER_KEEP_ALIVE_SECONDS = 10;

    /** One thread at a time writing the pipeline's checkpoints in order, ended while there is nothing to write. */
    private static ExecutorService checkpointWriter(String pipeline) {
        ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, WRITER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "pm-checkpoint-" + pipeline);
                    t.setDaemon(true);
                    return t;
                });
        writer.allowCoreThreadTimeOut(true);
        return writer;
    }

    /**
     * The durability of pipeline {@code id} in {@code mode}; without a store ({@code null}) the pipeline keeps
     * no state whatever its mode (logged).
     */
    static Durability of(CheckpointStore store, PipelineId id, String pipeline, FaultTolerance mode, long intervalSecs,
                         String programHash) {
        FaultTolerance effective = mode == null ? FaultTolerance.NONE : mode;
        if (store == null && effective.checkpoints()) {
            LOG.warn("Pipeline {} asks for fault_tolerance {} but this manager has no checkpoint store; its state lives "
                    + "in memory only", pipeline, effective.value());
            effective = FaultTolerance.NONE;
        }
        return new Durability(store, id, pipeline, effective, intervalSecs, programHash);
    }

    /** The mode in effect. */
    FaultTolerance mode() {
        return mode;
    }

    /** Whether ingress requests are journaled before they are accepted. */
    boolean journals() {
        return mode == FaultTolerance.EXACTLY_ONCE;
    }

    // ---- start

    /** What a start resumes from: the circuit and the journaled inputs no step took yet, oldest first. */
    record Restored(Circuit circuit, List<JournaledInput> waiting) {
    }

    /** An input read back from the journal. */
    record JournaledInput(long sequence, String table, TableChanges changes) {
    }

    /** Why a start cannot resume: the pipeline fails with this error. */
    static final class CannotResume extends Exception {
        final PipelineError error;

        CannotResume(PipelineError error) {
            super(error.message());
            this.error = error;
        }
    }

    /**
     * Loads the last checkpoint (verifying the program's fingerprint) and replays the journal after it: steps the
     * journal records are applied again with the same inputs, inputs no step took are returned. Without stored
     * state (or in mode none) the circuit starts empty. {@code stopped} is polled between journal records.
     */
    Restored restore(CircuitDefinition definition, BooleanSupplier stopped, StepOutputs replayed) throws CannotResume {
        if (!mode.checkpoints()) {
            return new Restored(definition.instantiate(), List.of());
        }
        long started = System.nanoTime();
        try {
            Optional<CheckpointInfo> latest = store.latest(id);
            Circuit circuit;
            long after = 0;
            if (latest.isPresent()) {
                CheckpointInfo info = latest.get();
                if (!programHash.equals(info.programHash())) {
                    throw new CannotResume(new PipelineError(ErrorCode.CheckpointIncompatible, "Pipeline '" + pipeline
                            + "' has a checkpoint of step " + info.step() + " taken with another program (or compiler "
                            + "version) than the one it runs now, so it cannot resume from it. Shut the pipeline down and "
                            + "clear its state (POST /api/pipelines/{id}/clear; the stored state is lost) to start it "
                            + "empty, or restore the program the checkpoint was taken with",
                            Map.of("pipeline", pipeline, "checkpoint_step", info.step(),
                                    "checkpoint_program_hash", info.programHash(), "program_hash", programHash)));
                }
                try (InputStream in = store.open(id, info)) {
                    circuit = StateCodecs.read(definition, in);
                }
                if (circuit.steps() != info.step()) {
                    throw new CorruptStateException("the checkpoint says step " + info.step() + " but its state is of step "
                            + circuit.steps());
                }
                after = info.journalSequence();
                lastStep = info.step();
                lastAt = Instant.ofEpochMilli(info.createdAtMillis());
                lastBytes = info.bytes();
                lastCapturedStep = info.step();
                lastWrittenStep = info.step();
            } else {
                circuit = definition.instantiate();
            }
            journal = store.journal(id);
            List<JournaledInput> waiting = replay(definition, circuit, after, stopped, replayed);
            recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (latest.isPresent() || replayedRecords > 0 || !waiting.isEmpty()) {
                LOG.info("Pipeline {} resumed at step {} in {} ms ({} checkpoint, {} journaled records replayed, {} "
                        + "requests waiting)", pipeline, circuit.steps(), recoveryMillis, store.kind(), replayedRecords,
                        waiting.size());
            }
            return new Restored(circuit, waiting);
        } catch (CorruptStateException e) {
            throw new CannotResume(new PipelineError(ErrorCode.CorruptState, "The stored state of pipeline '" + pipeline
                    + "' failed verification and was not loaded: " + e.getMessage() + ". Repair the " + store.kind()
                    + " store, or shut the pipeline down and clear its state (losing it)",
                    Map.of("pipeline", pipeline, "store", store.kind(), "reason", String.valueOf(e.getMessage()))));
        } catch (IOException | Stopped e) {
            throw new CannotResume(storageError("read", e));
        }
    }

    /** Leaves the journal visitor when the runner stops during a replay. */
    private static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }

    /** Receives the outputs of each step replayed from the journal. */
    interface StepOutputs {
        void step(long step, Map<String, ZSet> outputs);
    }

    private List<JournaledInput> replay(CircuitDefinition definition, Circuit circuit, long after, BooleanSupplier stopped,
                                        StepOutputs replayed) throws IOException {
        TreeMap<Long, JournaledInput> collected = new TreeMap<>();
        long[] records = {0};
        journal.replay(after, (sequence, payload) -> {
            if (stopped.getAsBoolean()) {
                throw new Stopped("the pipeline stopped during its replay");
            }
            JournalRecords.Decoded record = JournalRecords.decode(sequence, payload, definition);
            switch (record.kind()) {
                case JournalRecords.INPUT -> collected.put(sequence, new JournaledInput(sequence, record.table(),
                        record.changes()));
                case JournalRecords.DISCARD -> take(collected, record.inputs(), sequence, false);
                case JournalRecords.STEP -> {
                    if (record.step() <= circuit.steps()) {
                        take(collected, record.inputs(), sequence, false); // already in the checkpoint's state
                        break;
                    }
                    for (long input : record.inputs()) {
                        JournaledInput taken = collected.get(input);
                        records[0] += taken == null ? 0 : taken.changes().records();
                    }
                    Map<String, TableChanges> batch = take(collected, record.inputs(), sequence, true);
                    if (record.step() != circuit.steps() + 1) {
                        throw new CorruptStateException("journal record " + sequence + " is step " + record.step()
                                + " but the state is at step " + circuit.steps());
                    }
                    replayed.step(record.step(), circuit.apply(batch, null));
                }
                default -> throw new CorruptStateException("journal record " + sequence + " has kind " + record.kind());
            }
        });
        replayedRecords = records[0];
        return new ArrayList<>(collected.values());
    }

    /**
     * Removes the inputs with sequences {@code inputs} from {@code collected}, concatenated per table in the order
     * given (the order the step took them in); with {@code required} every one must be there (a step the state does
     * not include yet).
     */
    private static Map<String, TableChanges> take(TreeMap<Long, JournaledInput> collected, long[] inputs, long record,
                                                  boolean required) throws CorruptStateException {
        Map<String, List<TableChanges>> parts = new LinkedHashMap<>();
        for (long sequence : inputs) {
            JournaledInput input = collected.remove(sequence);
            if (input == null) {
                if (required) {
                    throw new CorruptStateException("journal record " + record + " names input " + sequence
                            + ", which the journal does not hold");
                }
                continue;
            }
            parts.computeIfAbsent(input.table(), t -> new ArrayList<>()).add(input.changes());
        }
        Map<String, TableChanges> batch = new LinkedHashMap<>();
        parts.forEach((table, changes) -> batch.put(table, TableChanges.concat(changes)));
        return batch;
    }

    // ---- journal

    /** Queues an input the journal holds, under its journal sequence. */
    interface Queue {
        void queue(long journalSequence);
    }

    /**
     * Journals one ingress request durably, then queues it ({@code queue} gets its journal sequence). Concurrent
     * callers share flushes. A full journal is {@code BackPressure}, a failed write {@code StorageUnavailable};
     * either way nothing was accepted.
     */
    void journalInput(String table, TableChanges changes, Queue queue) {
        long floor;
        synchronized (journaling) {
            floor = journal.lastSequence();
            journaling.merge(floor, 1, Integer::sum);
        }
        try {
            long sequence;
            try {
                byte[] payload = JournalRecords.input(table, changes);
                long max = journalMaxBytes;
                if (max > 0 && journal.bytes() + payload.length > max - max / STEP_RESERVE) {
                    throw new JournalFullException(journal.bytes(), max);
                }
                sequence = journal.appendNext(payload);
            } catch (JournalFullException e) {
                // Later inputs leave room for the step records that let a checkpoint truncate the journal.
                journalMaxBytes = e.maxBytes();
                requested = true; // a checkpoint truncates the journal; the loop sees it at its next wake-up
                throw new ManagerException(ErrorCode.BackPressure, "The input journal of pipeline '" + pipeline
                        + "' is full (" + e.bytes() + " of " + e.maxBytes() + " bytes, pm.checkpoint.journal-max-bytes); "
                        + "nothing of the request was accepted. The next checkpoint truncates it; retry later",
                        Map.of("journal_bytes", e.bytes(), "max_journal_bytes", e.maxBytes()));
            } catch (IOException e) {
                throw new ManagerException(ErrorCode.StorageUnavailable, "The input journal of pipeline '" + pipeline
                        + "' could not be written (" + store.kind() + " store): " + e.getMessage()
                        + "; nothing of the request was accepted, retry", Map.of("pipeline", pipeline, "store", store.kind()));
            }
            queue.queue(sequence);
        } finally {
            synchronized (journaling) {
                journaling.computeIfPresent(floor, (f, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /**
     * Journals that step {@code step} applied the inputs with journal sequences {@code inputs}; before its outputs
     * are published. A full journal first gets a checkpoint of {@code circuit} (on this, the step thread), which
     * truncates it.
     */
    void stepped(long step, long[] inputs, Circuit circuit, LongSupplier firstWaiting) throws IOException {
        boundary(JournalRecords.STEP, step, inputs, circuit, firstWaiting);
    }

    /** Journals that a failed step dropped the inputs with journal sequences {@code inputs} (see {@link #stepped}). */
    void discarded(long step, long[] inputs, Circuit circuit, LongSupplier firstWaiting) throws IOException {
        boundary(JournalRecords.DISCARD, step, inputs, circuit, firstWaiting);
    }

    private void boundary(int kind, long step, long[] inputs, Circuit circuit, LongSupplier firstWaiting)
            throws IOException {
        if (!journals() || inputs.length == 0) {
            return;
        }
        byte[] record = JournalRecords.boundary(kind, step, inputs);
        try {
            journal.appendNext(record);
        } catch (JournalFullException e) {
            LOG.info("Pipeline {}: the input journal is full at step {}; writing a checkpoint now to truncate it",
                    pipeline, step);
            long covered = checkpointNow(circuit, firstWaiting);
            if (covered >= Arrays.stream(inputs).max().orElse(0)) {
                return; // the checkpoint holds this step and replays after all its inputs: no record needed
            }
            journal.appendNext(record);
        }
    }

    // ---- checkpoints

    /** Asks for a checkpoint at the next step boundary. */
    void request() {
        if (!mode.checkpoints()) {
            throw new ManagerException(ErrorCode.InvalidConfig, "Pipeline '" + pipeline + "' keeps no checkpoints: its "
                    + "fault_tolerance is none (or this manager has no checkpoint store); set fault_tolerance to "
                    + "checkpoint or exactly_once while it is stopped", Map.of("field", "fault_tolerance",
                            "value", mode.value()));
        }
        requested = true;
    }

    /**
     * Nanoseconds until a checkpoint is due at {@code steps} (at most 0 when due now, {@link Long#MAX_VALUE} when none
     * is pending): on request, or once the interval passed with new steps since the last one. A checkpoint still
     * being written postpones the next.
     */
    long dueInNanos(long steps) {
        if (!mode.checkpoints()) {
            return Long.MAX_VALUE;
        }
        if (requested) {
            return 0;
        }
        if (steps == lastCapturedStep) {
            return Long.MAX_VALUE;
        }
        return lastCaptureNanos + intervalNanos - System.nanoTime();
    }

    /**
     * Captures a checkpoint of {@code circuit} (on the step thread, between steps; the pause is the capture only)
     * and writes it in the background. {@code firstWaiting} answers the journal sequence of the first input waiting
     * for a step (0: none). Skipped while the previous one is still being written.
     */
    void checkpointInBackground(Circuit circuit, LongSupplier firstWaiting) {
        lastCaptureNanos = System.nanoTime();
        if (inFlight != null && !inFlight.isDone()) {
            return; // tried again after another interval (or when asked again)
        }
        requested = false;
        Capture capture = capture(circuit, firstWaiting);
        inFlight = writer.submit(() -> {
            write(capture);
        });
    }

    /**
     * Writes a last checkpoint of {@code circuit} and waits for it (at stop, after the loop ended): waits for the one
     * in flight first. Failures are logged and reported in the statistics; they do not stop the stop.
     */
    long checkpointNow(Circuit circuit, LongSupplier firstWaiting) {
        if (!mode.checkpoints()) {
            return -1;
        }
        awaitInFlight();
        if (circuit.steps() == lastWrittenStep) {
            return -1; // nothing new since the last one
        }
        Capture capture = capture(circuit, firstWaiting);
        return write(capture) ? capture.journalSequence() : -1;
    }

    /**
     * Waits for the checkpoint being written, if any, whatever interrupts the caller (the flag is kept): returning
     * early would let a second write run beside it, or close the writer under it.
     */
    private void awaitInFlight() {
        Future<?> previous = inFlight;
        if (previous == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    previous.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warn("Pipeline {}: a checkpoint write failed", pipeline, e.getCause());
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Capture(StateCodecs.Captured state, long step, long journalSequence, long capturedAtMillis,
                           long capturedNanos) {
    }

    private Capture capture(Circuit circuit, LongSupplier firstWaiting) {
        long started = System.nanoTime();
        StateCodecs.Captured state = StateCodecs.capture(circuit);
        // In this order: an input journaled after the first read has a greater sequence; one queued after the
        // second read was still registered as being journaled at it.
        Journal j = journal;
        long covered = j == null ? 0 : j.lastSequence();
        synchronized (journaling) {
            if (!journaling.isEmpty()) {
                covered = Math.min(covered, journaling.firstKey());
            }
        }
        long first = firstWaiting.getAsLong();
        if (first > 0) {
            covered = Math.min(covered, first - 1);
        }
        long now = System.nanoTime();
        lastPauseMicros = TimeUnit.NANOSECONDS.toMicros(now - started);
        lastCapturedStep = circuit.steps();
        return new Capture(state, circuit.steps(), covered, System.currentTimeMillis(), now);
    }

    private boolean write(Capture capture) {
        try {
            CheckpointInfo info = store.write(id, new CheckpointInfo(capture.step(), capture.journalSequence(), programHash,
                    StateCodecs.formatVersion(), capture.capturedAtMillis(), 0), capture.state()::writeTo);
            if (journal != null) {
                journal.truncateThrough(capture.journalSequence());
            }
            checkpoints++;
            lastWrittenStep = info.step();
            lastStep = info.step();
            lastAt = Instant.ofEpochMilli(info.createdAtMillis());
            lastBytes = info.bytes();
            lastMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - capture.capturedNanos());
            lastError = null;
            LOG.debug("Pipeline {}: checkpoint of step {} written ({} bytes, {} ms, pause {} µs)", pipeline, info.step(),
                    info.bytes(), lastMillis, lastPauseMicros);
            return true;
        } catch (IOException | RuntimeException e) {
            lastError = e.toString();
            LOG.warn("Pipeline {}: the checkpoint of step {} could not be written ({} store)", pipeline, capture.step(),
                    store.kind(), e);
            return false;
        }
    }

    /** Bytes the journal holds now. */
    long journalBytes() {
        Journal j = journal;
        return j == null ? 0 : j.bytes();
    }

    /** The statistics of this run. */
    CheckpointStats stats() {
        return new CheckpointStats(mode, store == null || !mode.checkpoints() ? null : store.kind(), checkpoints, lastStep,
                lastAt, lastBytes, lastMillis, lastPauseMicros, lastError, journals() ? journalBytes() : 0, recoveryMillis,
                replayedRecords);
    }

    /** A storage failure as a pipeline error. */
    PipelineError storageError(String what, Exception e) {
        return new PipelineError(ErrorCode.StorageUnavailable, "The stored state of pipeline '" + pipeline + "' could not "
                + "be " + what + " (" + store.kind() + " store): " + e.getMessage(),
                Map.of("pipeline", pipeline, "store", store.kind()));
    }

    /** How long {@link #close} waits at most for the writer's thread to end once nothing is left to write. */
    static final long WRITER_CLOSE_WAIT_SECONDS = 30;

    /**
     * Waits for a checkpoint being written and releases the writer thread: an orderly shutdown (interrupting a write
     * would fail it mid-way; H2's file store closes its file on an interrupt), interrupted only if it has not ended
     * within {@link #WRITER_CLOSE_WAIT_SECONDS}. An interrupt of the caller does not cut the wait short (it is kept).
     */
    void close() {
        if (writer == null) {
            return;
        }
        awaitInFlight();
        writer.shutdown();
        if (!UninterruptibleWait.await(Duration.ofSeconds(WRITER_CLOSE_WAIT_SECONDS),
                nanos -> writer.awaitTermination(nanos, TimeUnit.NANOSECONDS))) {
            LOG.warn("Pipeline {}: the checkpoint writer still runs {} s after the stop; interrupting it", pipeline,
                    WRITER_CLOSE_WAIT_SECONDS);
            writer.shutdownNow();
        }
    }
}
