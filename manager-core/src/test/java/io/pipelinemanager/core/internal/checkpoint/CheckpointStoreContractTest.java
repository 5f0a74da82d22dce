package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CheckpointStore} promises, run against each implementation (one subclass per store and
 * database). A second store instance over the same storage stands for the manager after a restart; the
 * subclasses damage the storage the way a crash or bit rot would.
 */
abstract class CheckpointStoreContractTest {

    /** Small chunks, so that test bodies span several. */
    static final int CHUNK = 4096;
    static final long MAX_BYTES = 1L << 20;

    final List<CheckpointStore> opened = new ArrayList<>();
    CheckpointStore store;

    /** Prepares fresh, empty storage for one test. */
    abstract void freshStorage() throws Exception;

    /** A new store instance over this test's storage (a second call stands for a restart). */
    abstract CheckpointStore newStore(long journalMaxBytes) throws Exception;

    /** A pipeline the storage accepts state for. */
    abstract PipelineId newPipeline() throws Exception;

    /** Flips one byte inside a body chunk of the pipeline's newest checkpoint. */
    abstract void flipByteInCheckpointBody(PipelineId pipeline) throws Exception;

    /** Cuts the end off the pipeline's newest checkpoint. */
    abstract void truncateCheckpoint(PipelineId pipeline) throws Exception;

    /** Flips one byte in the payload of a journal record. */
    abstract void flipByteInJournalRecord(PipelineId pipeline, long sequence) throws Exception;

    /**
     * Leaves what a crash during an append of {@code sequence} (that never returned) leaves; the returned
     * handle ends that state (a database rolls the transaction back) once the test is done with it.
     */
    abstract AutoCloseable crashDuringAppend(PipelineId pipeline, long sequence, byte[] payload) throws Exception;

    /** Leaves what a crash in the middle of writing a newer checkpoint leaves, until the handle is closed. */
    abstract AutoCloseable crashDuringCheckpointWrite(PipelineId pipeline) throws Exception;

    /** How many checkpoints of the pipeline the storage holds. */
    abstract int storedCheckpoints(PipelineId pipeline) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        freshStorage();
        store = restart();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(CheckpointStore::close);
        opened.clear();
    }

    /** A new store instance (the old ones are left open, as a crashed process leaves its files). */
    CheckpointStore restart() throws Exception {
        return restart(MAX_BYTES);
    }

    CheckpointStore restart(long journalMaxBytes) throws Exception {
        CheckpointStore next = newStore(journalMaxBytes);
        opened.add(next);
        return next;
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static CheckpointInfo info(long step, long journalSequence) {
        return new CheckpointInfo(step, journalSequence, "hash-" + step, 3, 1_700_000_000_000L + step, 0);
    }

    static byte[] readAll(CheckpointStore store, PipelineId pipeline, CheckpointInfo info) throws IOException {
        try (InputStream in = store.open(pipeline, info)) {
            return in.readAllBytes();
        }
    }

    /** Every record a replay after {@code after} visits. */
    static List<Long> sequences(Journal journal, long after) throws IOException {
        List<Long> sequences = new ArrayList<>();
        journal.replay(after, (sequence, payload) -> sequences.add(sequence));
        return sequences;
    }

    static byte[] payload(long sequence) {
        return ("record " + sequence).getBytes(StandardCharsets.UTF_8);
    }

    // --- checkpoints ---

    @Test
    void aCheckpointReadsBackAsWrittenWithItsMetadata() throws Exception {
        PipelineId pipeline = newPipeline();
        byte[] body = randomBytes(3 * CHUNK + 123, 1);
        CheckpointInfo written = store.write(pipeline, info(7, 42), out -> out.write(body));

        assertThat(written).isEqualTo(info(7, 42).withBytes(body.length));
        assertThat(store.latest(pipeline)).contains(written);
        assertThat(readAll(store, pipeline, written)).isEqualTo(body);
        CheckpointStore restarted = restart();
        assertThat(restarted.latest(pipeline)).contains(written);
        assertThat(readAll(restarted, pipeline, written)).isEqualTo(body);
    }

    @Test
    void anEmptyBodyAndABodyOfWholeChunksReadBack() throws Exception {
        PipelineId empty = newPipeline();
        PipelineId whole = newPipeline();
        CheckpointInfo none = store.write(empty, info(1, 0), out -> { });
        byte[] body = randomBytes(2 * CHUNK, 2);
        CheckpointInfo two = store.write(whole, info(1, 0), out -> {
            for (byte b : body) {
                out.write(b);
            }
        });

        assertThat(none.bytes()).isZero();
        assertThat(readAll(store, empty, store.latest(empty).orElseThrow())).isEmpty();
        assertThat(readAll(store, whole, store.latest(whole).orElseThrow())).isEqualTo(body);
        assertThat(two.bytes()).isEqualTo(body.length);
    }

    @Test
    void aPipelineWithoutCheckpointsHasNoneAndClearingItIsFine() throws Exception {
        PipelineId pipeline = newPipeline();
        assertThat(store.latest(pipeline)).isEmpty();
        store.clear(pipeline);
        assertThat(store.latest(pipeline)).isEmpty();
    }

    @Test
    void theNewestCheckpointWinsAndOlderOnesAreCollected() throws Exception {
        PipelineId pipeline = newPipeline();
        CheckpointInfo first = store.write(pipeline, info(1, 10), out -> out.write(randomBytes(100, 1)));
        byte[] body = randomBytes(CHUNK + 1, 2);
        CheckpointInfo second = store.write(pipeline, info(2, 20), out -> out.write(body));
        CheckpointInfo third = store.write(pipeline, info(2, 20), out -> out.write(body));

        assertThat(store.latest(pipeline)).contains(third);
        assertThat(third).isEqualTo(second);
        assertThat(storedCheckpoints(pipeline)).isEqualTo(1);
        assertThatThrownBy(() -> store.open(pipeline, first)).isInstanceOf(IOException.class)
                .isNotInstanceOf(CorruptStateException.class);
        assertThat(readAll(restart(), pipeline, third)).isEqualTo(body);
    }

    @Test
    void clearDropsCheckpointsAndJournal() throws Exception {
        PipelineId pipeline = newPipeline();
        store.write(pipeline, info(1, 1), out -> out.write(1));
        Journal journal = store.journal(pipeline);
        journal.append(1, payload(1));

        store.clear(pipeline);

        assertThat(store.latest(pipeline)).isEmpty();
        assertThat(storedCheckpoints(pipeline)).isZero();
        Journal after = store.journal(pipeline);
        assertThat(sequences(after, 0)).isEmpty();
        assertThat(after.lastSequence()).isZero();
        assertThat(after.bytes()).isZero();
        assertThat(sequences(restart().journal(pipeline), 0)).isEmpty();
    }

    @Test
    void pipelinesAreIsolated() throws Exception {
        PipelineId a = newPipeline();
        PipelineId b = newPipeline();
        CheckpointInfo atA = store.write(a, info(1, 1), out -> out.write(randomBytes(10, 1)));
        CheckpointInfo atB = store.write(b, info(2, 2), out -> out.write(randomBytes(20, 2)));
        store.journal(a).append(1, payload(1));
        store.journal(b).append(5, payload(5));
        store.journal(b).append(6, payload(6));

        store.clear(a);

        assertThat(store.latest(a)).isEmpty();
        assertThat(store.latest(b)).contains(atB);
        assertThat(atA).isNotEqualTo(atB);
        assertThat(readAll(store, b, atB)).isEqualTo(randomBytes(20, 2));
        assertThat(sequences(store.journal(a), 0)).isEmpty();
        assertThat(sequences(restart().journal(b), 0)).containsExactly(5L, 6L);
    }

    @Test
    void aFailedBodyLeavesThePreviousCheckpointAndTheNextWriteWorks() throws Exception {
        PipelineId pipeline = newPipeline();
        byte[] body = randomBytes(CHUNK * 2 + 5, 1);
        CheckpointInfo previous = store.write(pipeline, info(1, 1), out -> out.write(body));

        assertThatThrownBy(() -> store.write(pipeline, info(2, 2), out -> {
            out.write(randomBytes(CHUNK * 3, 2));
            throw new IOException("encoder failed");
        })).hasMessage("encoder failed");

        assertThat(store.latest(pipeline)).contains(previous);
        assertThat(readAll(store, pipeline, previous)).isEqualTo(body);
        CheckpointInfo next = store.write(pipeline, info(3, 3), out -> out.write(7));
        assertThat(restart().latest(pipeline)).contains(next);
    }

    @Test
    void whileACheckpointIsBeingWrittenReadersSeeThePreviousOne() throws Exception {
        PipelineId pipeline = newPipeline();
        byte[] body = randomBytes(CHUNK + 9, 1);
        CheckpointInfo previous = store.write(pipeline, info(1, 1), out -> out.write(body));
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<CheckpointInfo> next = writer.submit(() -> store.write(pipeline, info(2, 2), out -> {
                out.write(randomBytes(CHUNK * 2 + 1, 2));
                halfWritten.countDown();
                try {
                    assertThat(proceed.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }));
            assertThat(halfWritten.await(30, TimeUnit.SECONDS)).isTrue();

            CheckpointStore reader = store;
            assertThat(reader.latest(pipeline)).contains(previous);
            assertThat(readAll(reader, pipeline, previous)).isEqualTo(body);

            proceed.countDown();
            CheckpointInfo written = next.get(30, TimeUnit.SECONDS);
            assertThat(reader.latest(pipeline)).contains(written);
            assertThat(readAll(reader, pipeline, written)).isEqualTo(randomBytes(CHUNK * 2 + 1, 2));
        } finally {
            proceed.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void aCrashInTheMiddleOfACheckpointWriteLeavesThePreviousOneReadable() throws Exception {
        PipelineId pipeline = newPipeline();
        byte[] body = randomBytes(CHUNK * 2 + 17, 1);
        CheckpointInfo previous = store.write(pipeline, info(1, 1), out -> out.write(body));

        AutoCloseable crash = crashDuringCheckpointWrite(pipeline);
        try {
            CheckpointStore restarted = restart();
            assertThat(restarted.latest(pipeline)).contains(previous);
            assertThat(readAll(restarted, pipeline, previous)).isEqualTo(body);
        } finally {
            crash.close();
        }
        CheckpointStore restarted = restart();
        CheckpointInfo next = restarted.write(pipeline, info(2, 2), out -> out.write(3));
        assertThat(restarted.latest(pipeline)).contains(next);
        assertThat(storedCheckpoints(pipeline)).isEqualTo(1);
    }

    @Test
    void aFlippedByteInACheckpointIsRefused() throws Exception {
        PipelineId pipeline = newPipeline();
        store.write(pipeline, info(1, 1), out -> out.write(randomBytes(CHUNK * 3, 1)));

        flipByteInCheckpointBody(pipeline);

        CheckpointStore restarted = restart();
        assertThatThrownBy(() -> readAll(restarted, pipeline, restarted.latest(pipeline).orElseThrow()))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("checksum");
    }

    @Test
    void aTruncatedCheckpointIsRefused() throws Exception {
        PipelineId pipeline = newPipeline();
        store.write(pipeline, info(1, 1), out -> out.write(randomBytes(CHUNK * 3 + 100, 1)));

        truncateCheckpoint(pipeline);

        CheckpointStore restarted = restart();
        assertThatThrownBy(() -> {
            Optional<CheckpointInfo> latest = restarted.latest(pipeline);
            readAll(restarted, pipeline, latest.orElseThrow());
        }).isInstanceOf(CorruptStateException.class).hasMessageContaining("truncated");
    }

    // --- journal ---

    @Test
    void appendedRecordsReplayInOrderAfterARestart() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        assertThat(journal.lastSequence()).isZero();
        assertThat(journal.bytes()).isZero();
        for (long s = 1; s <= 5; s++) {
            journal.append(s * 10, payload(s * 10));
        }
        assertThat(journal.lastSequence()).isEqualTo(50);
        assertThat(journal.bytes()).isGreaterThan(0);

        Journal restarted = restart().journal(pipeline);
        List<String> seen = new ArrayList<>();
        restarted.replay(20, (sequence, payload) -> seen.add(sequence + "=" + new String(payload, StandardCharsets.UTF_8)));
        assertThat(seen).containsExactly("30=record 30", "40=record 40", "50=record 50");
        assertThat(sequences(restarted, 0)).containsExactly(10L, 20L, 30L, 40L, 50L);
        assertThat(restarted.lastSequence()).isEqualTo(50);
        assertThat(restarted.bytes()).isEqualTo(journal.bytes());
        assertThat(restarted.appendNext(payload(51))).isEqualTo(51);
        assertThat(sequences(restart().journal(pipeline), 40)).containsExactly(50L, 51L);
    }

    @Test
    void largeAndEmptyRecordsReplayByteForByte() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = restart(16L << 20).journal(pipeline);
        byte[] large = randomBytes(3 << 20, 9);
        journal.append(1, large);
        journal.append(2, new byte[0]);
        journal.append(3, payload(3));

        List<byte[]> seen = new ArrayList<>();
        restart(16L << 20).journal(pipeline).replay(0, (sequence, payload) -> seen.add(payload));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isEqualTo(large);
        assertThat(seen.get(1)).isEmpty();
        assertThat(seen.get(2)).isEqualTo(payload(3));
    }

    @Test
    void aSequenceThatDoesNotIncreaseIsRefusedAndNothingIsWritten() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        journal.append(3, payload(3));
        long bytes = journal.bytes();

        assertThatThrownBy(() -> journal.append(3, payload(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.append(2, payload(2))).isInstanceOf(IllegalArgumentException.class);

        assertThat(journal.bytes()).isEqualTo(bytes);
        assertThat(sequences(restart().journal(pipeline), 0)).containsExactly(3L);
    }

    @Test
    void truncationDropsRecordsThroughASequenceAndSequencesGoOnAfterIt() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        for (long s = 1; s <= 10; s++) {
            journal.append(s, randomBytes(300, s));
        }
        long full = journal.bytes();

        journal.truncateThrough(4);
        assertThat(sequences(journal, 0)).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(journal.bytes()).isLessThanOrEqualTo(full);
        journal.append(11, payload(11));
        Journal restarted = restart().journal(pipeline);
        assertThat(sequences(restarted, 0)).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);

        restarted.truncateThrough(11);
        assertThat(restarted.bytes()).isZero();
        assertThat(sequences(restarted, 0)).isEmpty();
        assertThat(restarted.lastSequence()).isEqualTo(11);

        Journal again = restart().journal(pipeline);
        assertThat(again.lastSequence()).isEqualTo(11);
        assertThat(again.bytes()).isZero();
        assertThatThrownBy(() -> again.append(6, payload(6))).isInstanceOf(IllegalArgumentException.class);
        assertThat(again.appendNext(payload(12))).isEqualTo(12);
        assertThat(sequences(restart().journal(pipeline), 0)).containsExactly(12L);
    }

    @Test
    void repeatedTruncationsWithAppendsBetweenSurviveARestart() throws Exception {
        // As a runner checkpoints: before any input (through 0), again with nothing new, then between inputs,
        // and once more at the same sequence.
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        journal.truncateThrough(0);
        journal.truncateThrough(0);
        journal.append(1, payload(1));
        journal.append(2, payload(2));
        journal.truncateThrough(1);
        journal.append(3, payload(3));
        journal.truncateThrough(2);
        journal.truncateThrough(2);
        journal.append(4, payload(4));
        assertThat(sequences(journal, 0)).containsExactly(3L, 4L);

        Journal restarted = restart().journal(pipeline);
        assertThat(sequences(restarted, 0)).containsExactly(3L, 4L);
        assertThat(restarted.lastSequence()).isEqualTo(4);
        restarted.truncateThrough(4);
        assertThat(restarted.bytes()).isZero();
        assertThat(restarted.appendNext(payload(5))).isEqualTo(5);
        assertThat(sequences(restart().journal(pipeline), 0)).containsExactly(5L);
    }

    @Test
    void manyTruncationsKeepTheJournalSmall() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        byte[] record = randomBytes(1000, 1);
        long sequence = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 30; i++) {
                journal.append(++sequence, record);
            }
            journal.truncateThrough(sequence - 5);
        }
        // 600 records of 1 KB went through a 1 MiB journal; what is held is the last few records plus at most
        // the segment being written.
        assertThat(journal.bytes()).isLessThan(MAX_BYTES / 4);
        assertThat(sequences(restart().journal(pipeline), 0)).hasSize(5);
    }

    @Test
    void aFullJournalRefusesAnAppendAndWritesNothing() throws Exception {
        PipelineId pipeline = newPipeline();
        long max = 16 * 1024;
        Journal journal = restart(max).journal(pipeline);
        byte[] record = randomBytes(1000, 1);
        long sequence = 0;
        JournalFullException full = null;
        while (full == null) {
            try {
                journal.append(sequence + 1, record);
                sequence++;
            } catch (JournalFullException e) {
                full = e;
            }
        }
        assertThat(sequence).isGreaterThan(10);
        assertThat(full.maxBytes()).isEqualTo(max);
        assertThat(full.bytes()).isEqualTo(journal.bytes()).isLessThanOrEqualTo(max);
        assertThat(journal.lastSequence()).isEqualTo(sequence);
        long held = journal.bytes();

        Journal restarted = restart(max).journal(pipeline);
        assertThat(sequences(restarted, 0)).hasSize((int) sequence);
        assertThat(restarted.bytes()).isEqualTo(held);
        assertThatThrownBy(() -> restarted.appendNext(record)).isInstanceOf(JournalFullException.class);
        assertThat(restarted.lastSequence()).isEqualTo(sequence);

        restarted.truncateThrough(sequence);
        assertThat(restarted.appendNext(record)).isEqualTo(sequence + 1);
    }

    @Test
    void concurrentAppendersEachRecordIsDurableInOrder() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        int threads = 8;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        byte[] payload = Arrays.copyOf((thread + ":" + i + ":").getBytes(StandardCharsets.UTF_8), 1024);
                        mine.add(journal.appendNext(payload));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Long>> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).isSorted().hasSize(each);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(journal.lastSequence()).isEqualTo(threads * each);
        // How many appends share a flush depends on thread scheduling (on a fast H2 flush every append can go
        // alone), so it is measured by CheckpointStoreBenchmark (records per flush), not asserted here.

        List<Long> sequences = new ArrayList<>();
        List<Integer> lastPerThread = new ArrayList<>(java.util.Collections.nCopies(threads, -1));
        restart().journal(pipeline).replay(0, (sequence, payload) -> {
            sequences.add(sequence);
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(":");
            int thread = Integer.parseInt(parts[0]);
            int index = Integer.parseInt(parts[1]);
            assertThat(index).isEqualTo(lastPerThread.get(thread) + 1);
            lastPerThread.set(thread, index);
        });
        assertThat(sequences).hasSize(threads * each).isSorted().doesNotHaveDuplicates();
        assertThat(sequences.get(0)).isEqualTo(1);
        assertThat(sequences.get(sequences.size() - 1)).isEqualTo(threads * each);
        assertThat(lastPerThread).containsOnly(each - 1);
    }

    @Test
    void truncationsWhileAppendersRunKeepExactlyTheRecordsAfterThem() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        int threads = 4;
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger(threads);
        java.util.concurrent.atomic.AtomicLong truncatedThrough = new java.util.concurrent.atomic.AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    byte[] payload = randomBytes(1024, 1);
                    for (int i = 0; i < each; i++) {
                        journal.appendNext(payload);
                    }
                    running.decrementAndGet();
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                start.await();
                while (running.get() > 0) {
                    long through = journal.lastSequence() - 30;
                    if (through > truncatedThrough.get()) {
                        journal.truncateThrough(through);
                        truncatedThrough.set(through);
                    }
                }
                return null;
            }));
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long last = (long) threads * each;
        long floor = truncatedThrough.get();
        assertThat(journal.lastSequence()).isEqualTo(last);
        List<Long> expected = java.util.stream.LongStream.rangeClosed(floor + 1, last).boxed().toList();
        assertThat(sequences(journal, 0)).isEqualTo(expected);
        assertThat(sequences(restart().journal(pipeline), 0)).isEqualTo(expected);
    }

    @Test
    void aFlippedByteBeforeTheEndOfTheJournalIsRefused() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        for (long s = 1; s <= 5; s++) {
            journal.append(s, randomBytes(200, s));
        }

        flipByteInJournalRecord(pipeline, 3);

        CheckpointStore restarted = restart();
        assertThatThrownBy(() -> restarted.journal(pipeline).replay(0, (sequence, payload) -> { }))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("checksum");
    }

    @Test
    void aTornLastRecordIsDroppedAndLaterAppendsWork() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        for (long s = 1; s <= 3; s++) {
            journal.append(s, payload(s));
        }

        AutoCloseable crash = crashDuringAppend(pipeline, 4, randomBytes(700, 4));
        try {
            Journal restarted = restart().journal(pipeline);
            assertThat(sequences(restarted, 0)).containsExactly(1L, 2L, 3L);
            assertThat(restarted.lastSequence()).isEqualTo(3);
        } finally {
            crash.close();
        }
        Journal restarted = restart().journal(pipeline);
        restarted.append(4, payload(4));
        restarted.append(5, payload(5));
        List<String> seen = new ArrayList<>();
        restart().journal(pipeline).replay(0, (sequence, payload) -> seen.add(new String(payload, StandardCharsets.UTF_8)));
        assertThat(seen).containsExactly("record 1", "record 2", "record 3", "record 4", "record 5");
    }
}
