package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on local files, plus what only files can suffer (leftovers, zero-filled tails, foreign versions). */
class DirectoryCheckpointStoreContractTest extends CheckpointStoreContractTest {

    @TempDir
    Path temp;
    private Path root;

    @Override
    void freshStorage() {
        root = temp.resolve("checkpoints");
    }

    @Override
    CheckpointStore newStore(long journalMaxBytes) throws IOException {
        return new DirectoryCheckpointStore(root, journalMaxBytes, CHUNK);
    }

    @Override
    PipelineId newPipeline() {
        return PipelineId.random();
    }

    private Path newestCheckpoint(PipelineId pipeline) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(pipeline.toString()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pmck")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private List<Path> segments(PipelineId pipeline) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(pipeline.toString()).resolve("journal"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(DirectoryJournal.SUFFIX)).sorted().toList();
        }
    }

    private Path lastSegment(PipelineId pipeline) throws IOException {
        List<Path> all = segments(pipeline);
        return all.get(all.size() - 1);
    }

    private static void flip(Path file, long at) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            one.flip();
            byte b = one.get();
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x10)}), at);
        }
    }

    @Override
    void flipByteInCheckpointBody(PipelineId pipeline) throws IOException {
        Path file = newestCheckpoint(pipeline);
        flip(file, Files.size(file) / 2);
    }

    @Override
    void truncateCheckpoint(PipelineId pipeline) throws IOException {
        Path file = newestCheckpoint(pipeline);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1000);
        }
    }

    @Override
    void flipByteInJournalRecord(PipelineId pipeline, long sequence) throws IOException {
        Path segment = segments(pipeline).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long offset = DirectoryJournal.SEGMENT_HEADER_BYTES;
        while (true) {
            int length = buffer.getInt((int) offset);
            long at = buffer.getLong((int) offset + 4);
            if (at == sequence) {
                flip(segment, offset + DirectoryJournal.RECORD_HEADER_BYTES + length / 2);
                return;
            }
            offset += GroupCommitJournal.RECORD_OVERHEAD + length;
        }
    }

    @Override
    AutoCloseable crashDuringAppend(PipelineId pipeline, long sequence, byte[] payload) throws IOException {
        // The record's header and part of its payload reached the disk, the rest did not.
        Path segment = lastSegment(pipeline);
        ByteBuffer header = ByteBuffer.allocate(DirectoryJournal.RECORD_HEADER_BYTES)
                .putInt(payload.length).putLong(sequence)
                .putInt(Crc.of(sequence, ByteBuffer.allocate(4).putInt(payload.length).array()));
        Files.write(segment, header.array(), StandardOpenOption.APPEND);
        Files.write(segment, java.util.Arrays.copyOf(payload, payload.length / 2), StandardOpenOption.APPEND);
        return () -> { };
    }

    @Override
    AutoCloseable crashDuringCheckpointWrite(PipelineId pipeline) throws IOException {
        Path newest = newestCheckpoint(pipeline);
        byte[] start = Files.readAllBytes(newest);
        String name = newest.getFileName().toString();
        long next = Long.parseLong(name.substring("checkpoint-".length(), name.length() - ".pmck".length())) + 1;
        Path leftover = newest.resolveSibling(String.format("checkpoint-%020d.pmck.tmp", next));
        Files.write(leftover, java.util.Arrays.copyOf(start, start.length / 2));
        return () -> assertThat(leftover).doesNotExist();
    }

    @Override
    int storedCheckpoints(PipelineId pipeline) throws IOException {
        Path dir = root.resolve(pipeline.toString());
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".pmck")).count();
        }
    }

    @Test
    void aTailOfZerosLeftByACrashIsCutAway() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        journal.append(1, payload(1));
        journal.append(2, payload(2));
        Path segment = lastSegment(pipeline);
        long size = Files.size(segment);
        Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

        Journal restarted = restart().journal(pipeline);

        assertThat(sequences(restarted, 0)).containsExactly(1L, 2L);
        assertThat(Files.size(segment)).isEqualTo(size);
        restarted.append(3, payload(3));
        assertThat(sequences(restart().journal(pipeline), 0)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDamagedLastRecordFollowedByDataIsNotMistakenForATornTail() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        journal.append(1, payload(1));
        journal.append(2, payload(2));
        Path segment = lastSegment(pipeline);
        // Damage the length of record 1: its header no longer verifies and data (record 2) follows.
        flip(segment, DirectoryJournal.SEGMENT_HEADER_BYTES + 3);

        assertThatThrownBy(() -> restart().journal(pipeline)).isInstanceOf(CorruptStateException.class);
    }

    @Test
    void aCheckpointOfANewerFormatIsRefused() throws Exception {
        PipelineId pipeline = newPipeline();
        store.write(pipeline, info(1, 1), out -> out.write(1));
        Path file = newestCheckpoint(pipeline);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, DirectoryCheckpointStore.VERSION + 1), 4);
        }

        assertThatThrownBy(() -> restart().latest(pipeline)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("format version " + (DirectoryCheckpointStore.VERSION + 1));
    }

    @Test
    void aJournalWhoseWriteFailedIsReplacedByOneOpenedFromTheFiles() throws Exception {
        PipelineId pipeline = newPipeline();
        Journal journal = store.journal(pipeline);
        journal.append(1, payload(1));
        Path dir = root.resolve(pipeline.toString()).resolve("journal");
        Journal reopened = restart().journal(pipeline);
        // The next append starts a segment; make that fail by removing the directory under it.
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);

        assertThatThrownBy(() -> reopened.append(2, payload(2))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> reopened.append(3, payload(3))).hasMessageContaining("earlier write");

        CheckpointStore sameStore = opened.get(opened.size() - 1);
        Journal fresh = sameStore.journal(pipeline);
        assertThat(fresh).isNotSameAs(reopened);
        fresh.append(1, payload(1));
        assertThat(sequences(restart().journal(pipeline), 0)).containsExactly(1L);
    }

    @Test
    void leftoversOfAnInterruptedWriteAreDeletedAtStart() throws Exception {
        PipelineId pipeline = newPipeline();
        store.write(pipeline, info(1, 1), out -> out.write(1));
        Path leftover = root.resolve(pipeline.toString()).resolve(String.format("checkpoint-%020d.pmck.tmp", 9));
        Files.write(leftover, new byte[] {1, 2, 3});

        restart();

        assertThat(leftover).doesNotExist();
        assertThat(storedCheckpoints(pipeline)).isEqualTo(1);
    }
}
