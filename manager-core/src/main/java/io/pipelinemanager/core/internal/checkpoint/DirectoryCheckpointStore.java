package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints and journals as files: {@code <root>/<pipeline id>/} holds the pipeline's checkpoint files
 * ({@code checkpoint-<n>.pmck}, the highest {@code n} is the newest) and its journal ({@code journal/}, see
 * {@link DirectoryJournal}). For one manager instance: the files are local.
 *
 * <p>A checkpoint is written to {@code checkpoint-<n>.pmck.tmp}, forced to disk, renamed atomically to its
 * final name and the directory forced; only then are older checkpoints deleted. A crash at any point leaves
 * either the previous checkpoint or the new one, plus perhaps a temporary file that is ignored and deleted
 * (at start and before the next write).
 *
 * <p>File format (big-endian): magic {@code PMCK}, format version (int), metadata length (int), metadata
 * (step, journal sequence, program hash, body format version, creation time), metadata CRC32C (int); then
 * chunks, each length (int, &gt; 0), CRC32C of index and bytes (int), bytes; then the end: 0 (int), body bytes
 * (long), chunk count (int) and a CRC32C of those and the metadata's CRC (int).
 */
public final class DirectoryCheckpointStore implements CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCheckpointStore.class);

    static final int MAGIC = 0x504d434b; // "PMCK"
    static final int VERSION = 1;
    private static final String PREFIX = "checkpoint-";
    private static final String SUFFIX = ".pmck";
    private static final String TEMP = ".tmp";
    private static final int TRAILER_BYTES = 4 + 8 + 4 + 4;

    private final Path root;
    private final int chunkSize;
    private final Journals<DirectoryJournal> journals;

    /**
     * @param root            the directory (created when the first state is stored)
     * @param journalMaxBytes the most bytes one pipeline's journal may hold
     */
    public DirectoryCheckpointStore(Path root, long journalMaxBytes) throws IOException {
        this(root, journalMaxBytes, Chunks.DEFAULT_SIZE);
    }

    DirectoryCheckpointStore(Path root, long journalMaxBytes, int chunkSize) throws IOException {
        if (journalMaxBytes < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("journal maximum and chunk size must be positive");
        }
        this.root = root.toAbsolutePath().normalize();
        this.chunkSize = chunkSize;
        this.journals = new Journals<>(pipeline -> DirectoryJournal.open(pipelineDirectory(pipeline).resolve("journal"),
                journalMaxBytes));
        // Created with the first pipeline's state, so that a manager without durable pipelines leaves no trace.
        if (Files.exists(this.root)) {
            if (!Files.isDirectory(this.root)) {
                throw new NotDirectoryException(this.root.toString());
            }
            try (DirectoryStream<Path> pipelines = Files.newDirectoryStream(this.root, Files::isDirectory)) {
                for (Path dir : pipelines) {
                    deleteLeftovers(dir);
                }
            }
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public String kind() {
        return "directory";
    }

    Path pipelineDirectory(PipelineId pipeline) {
        return root.resolve(pipeline.value().toString());
    }

    @Override
    public CheckpointInfo write(PipelineId pipeline, CheckpointInfo info, Body body) throws IOException {
        Path dir = pipelineDirectory(pipeline);
        Files.createDirectories(dir);
        deleteLeftovers(dir);
        List<Path> existing = checkpoints(dir);
        long number = existing.isEmpty() ? 1 : number(existing.get(0)) + 1;
        Path target = dir.resolve(fileName(number));
        Path temp = dir.resolve(fileName(number) + TEMP);
        CheckpointInfo stored;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            byte[] meta = encodeMeta(info);
            int metaCrc = Crc.of(MAGIC, meta);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(meta.length);
            out.write(meta);
            out.writeInt(metaCrc);
            Chunks.Writer chunks = new Chunks.Writer(chunkSize, (index, data, length, crc) -> {
                out.writeInt(length);
                out.writeInt(crc);
                out.write(data, 0, length);
            });
            body.writeTo(chunks);
            chunks.finish();
            out.writeInt(0);
            out.writeLong(chunks.bytes());
            out.writeInt(chunks.chunks());
            out.writeInt(trailerCrc(chunks.bytes(), chunks.chunks(), metaCrc));
            out.flush();
            channel.force(true);
            stored = info.withBytes(chunks.bytes());
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(dir);
        for (Path older : existing) {
            Files.deleteIfExists(older);
        }
        return stored;
    }

    @Override
    public Optional<CheckpointInfo> latest(PipelineId pipeline) throws IOException {
        Path dir = pipelineDirectory(pipeline);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        for (Path file : checkpoints(dir)) {
            try {
                return Optional.of(readInfo(file));
            } catch (NoSuchFileException e) {
                // Removed by a newer checkpoint meanwhile; look again.
                return latest(pipeline);
            }
        }
        return Optional.empty();
    }

    @Override
    public InputStream open(PipelineId pipeline, CheckpointInfo info) throws IOException {
        Path dir = pipelineDirectory(pipeline);
        List<Path> files = Files.isDirectory(dir) ? checkpoints(dir) : List.of();
        for (Path file : files) {
            CheckpointInfo candidate;
            try {
                candidate = readInfo(file);
            } catch (NoSuchFileException e) {
                continue;
            }
            if (candidate.equals(info)) {
                return openBody(file, info);
            }
        }
        throw new NoSuchFileException(dir.toString(), null,
                "no stored checkpoint of pipeline " + pipeline + " has step " + info.step() + " and journal sequence "
                        + info.journalSequence() + " (a newer one replaced it?)");
    }

    @Override
    public Journal journal(PipelineId pipeline) throws IOException {
        return journals.get(pipeline);
    }

    @Override
    public void clear(PipelineId pipeline) throws IOException {
        journals.remove(pipeline);
        Path dir = pipelineDirectory(pipeline);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        forceDirectory(root);
    }

    @Override
    public void close() {
        journals.closeAll();
    }

    // --- the file format ---

    private static String fileName(long number) {
        return PREFIX + String.format("%020d", number) + SUFFIX;
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** The complete checkpoint files of a pipeline directory, newest first. */
    private static List<Path> checkpoints(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.substring(PREFIX.length(), name.length() - SUFFIX.length()).chars().allMatch(Character::isDigit)) {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return files;
    }

    /** Deletes what an interrupted write left: temporary files. */
    private static void deleteLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX + TEMP)) {
            for (Path temp : stream) {
                LOG.info("Deleting {}, left by an interrupted checkpoint write", temp);
                Files.deleteIfExists(temp);
            }
        }
    }

    static byte[] encodeMeta(CheckpointInfo info) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(info.step());
        out.writeLong(info.journalSequence());
        out.writeUTF(info.programHash());
        out.writeInt(info.formatVersion());
        out.writeLong(info.createdAtMillis());
        out.flush();
        return bytes.toByteArray();
    }

    private static int trailerCrc(long bytes, int chunks, int metaCrc) {
        ByteBuffer buffer = ByteBuffer.allocate(12).putLong(bytes).putInt(chunks);
        return Crc.of(metaCrc, buffer.array());
    }

    /** A parsed header: the metadata, where the chunks start, and the metadata's checksum. */
    private record Header(CheckpointInfo info, long bodyOffset, int metaCrc) {
    }

    private static Header readHeader(Path file, DataInputStream in) throws IOException {
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new CorruptStateException(file + " is not a checkpoint file (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CorruptStateException(file + " has format version " + version + "; this reader knows " + VERSION);
            }
            int length = in.readInt();
            if (length < 0 || length > 1 << 16) {
                throw new CorruptStateException(file + ": bad metadata length " + length);
            }
            byte[] meta = in.readNBytes(length);
            if (meta.length < length) {
                throw new EOFException();
            }
            int metaCrc = in.readInt();
            if (Crc.of(MAGIC, meta) != metaCrc) {
                throw new CorruptStateException(file + ": the checkpoint metadata fails its checksum");
            }
            DataInputStream fields = new DataInputStream(new java.io.ByteArrayInputStream(meta));
            CheckpointInfo info = new CheckpointInfo(fields.readLong(), fields.readLong(), fields.readUTF(), fields.readInt(),
                    fields.readLong(), 0);
            return new Header(info, 4 + 4 + 4 + length + 4L, metaCrc);
        } catch (EOFException e) {
            throw new CorruptStateException(file + " is truncated (in its header)");
        }
    }

    /** The metadata of a checkpoint file, with its size from the verified end record. */
    private static CheckpointInfo readInfo(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 512)));
            long size = channel.size();
            if (size < header.bodyOffset() + TRAILER_BYTES) {
                throw new CorruptStateException(file + " is truncated (no end record)");
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            long at = size - TRAILER_BYTES;
            while (trailer.hasRemaining()) {
                if (channel.read(trailer, at + trailer.position()) < 0) {
                    throw new CorruptStateException(file + " is truncated (no end record)");
                }
            }
            trailer.flip();
            int end = trailer.getInt();
            long bytes = trailer.getLong();
            int chunks = trailer.getInt();
            int crc = trailer.getInt();
            if (end != 0 || crc != trailerCrc(bytes, chunks, header.metaCrc()) || bytes < 0
                    || size != header.bodyOffset() + bytes + 8L * chunks + TRAILER_BYTES) {
                throw new CorruptStateException(file + " is truncated or damaged (its end record does not verify)");
            }
            return header.info().withBytes(bytes);
        }
    }

    private static InputStream openBody(Path file, CheckpointInfo info) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            Header header = readHeader(file, in);
            Chunks.Source source = index -> {
                try {
                    int length = in.readInt();
                    if (length == 0) {
                        return null;
                    }
                    if (length < 0 || length > Chunks.MAX_SIZE) {
                        throw new CorruptStateException(file + ": chunk " + index + " has a bad length " + length);
                    }
                    int crc = in.readInt();
                    byte[] data = in.readNBytes(length);
                    if (data.length < length) {
                        throw new CorruptStateException(file + " is truncated in chunk " + index);
                    }
                    return new Chunks.Chunk(data, length, crc);
                } catch (EOFException e) {
                    throw new CorruptStateException(file + " is truncated at chunk " + index);
                }
            };
            return new Chunks.Reader(source, "checkpoint " + file.getFileName(), info.bytes(), -1, in);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Makes a directory's entries (a rename, a new or deleted file) durable; not possible on every platform. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
