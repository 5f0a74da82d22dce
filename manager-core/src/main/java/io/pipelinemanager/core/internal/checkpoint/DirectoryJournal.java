package io.pipelinemanager.core.internal.checkpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A journal as segment files in one directory: {@code <first sequence>.pmj}, each a header (magic
 * {@code PMJL}, version) and records. A record is its payload length (int), sequence (long), the CRC32C of
 * those two (int), the payload and the CRC32C of sequence and payload (int). Appends go to the newest segment
 * with one {@code force()} per group-committed batch; a new segment starts when the current one reaches
 * its size limit and after a truncation that covers part of it. {@code truncated-through} records the
 * highest truncated sequence, so that truncation deletes whole segments only (cheap) and replay skips what
 * a partly covered segment still holds.
 *
 * <p>Opening scans the newest segment: a record that a crash cut short (a torn tail: the header or payload
 * runs past the end of the file, or what follows is zeros) was never acknowledged and is cut away; any
 * other damage is {@link CorruptStateException}, here or in {@link #replay}.
 */
final class DirectoryJournal extends GroupCommitJournal {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryJournal.class);

    static final int MAGIC = 0x504d4a4c; // "PMJL"
    static final int VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 8;
    static final int RECORD_HEADER_BYTES = 16;
    static final String SUFFIX = ".pmj";
    private static final String FLOOR = "truncated-through";
    private static final String TEMP = ".tmp";

    private final Path dir;
    private final long segmentLimit;
    /** Segments by first sequence; changed only in the flush turn. */
    private final TreeMap<Long, Path> segments;
    private FileChannel active;
    private long activeSize;
    private boolean rollover;
    /** The last sequence in the files. */
    private long written;
    private volatile long floor;

    private DirectoryJournal(Path dir, long maxBytes, long bytes, long lastSequence, TreeMap<Long, Path> segments,
                             long written, long floor) {
        super(maxBytes, SEGMENT_HEADER_BYTES, bytes, lastSequence);
        this.dir = dir;
        this.segmentLimit = Math.max(4096, Math.min(64L << 20, maxBytes / 8));
        this.segments = segments;
        this.written = written;
        this.floor = floor;
        this.rollover = true;
    }

    /** Opens (or creates) the journal in {@code dir}, cutting away a torn tail. */
    static DirectoryJournal open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
        long floor = readFloor(dir.resolve(FLOOR));
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String digits = name.substring(0, name.length() - SUFFIX.length());
                if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                    segments.put(Long.parseLong(digits), file);
                }
            }
        }
        long written = 0;
        while (!segments.isEmpty()) {
            Map.Entry<Long, Path> last = segments.lastEntry();
            Scan tail = scan(last.getValue(), last.getKey(), Long.MAX_VALUE, true, Long.MAX_VALUE, null);
            long size = Files.size(last.getValue());
            if (tail.records() == 0) {
                LOG.warn("Deleting journal segment {}: a crash left it without a complete record", last.getValue());
                Files.delete(last.getValue());
                segments.remove(last.getKey());
                continue;
            }
            if (tail.end() < size) {
                LOG.warn("Cutting a torn record (never acknowledged) from the end of {}: {} of {} bytes kept",
                        last.getValue(), tail.end(), size);
                try (FileChannel channel = FileChannel.open(last.getValue(), StandardOpenOption.WRITE)) {
                    channel.truncate(tail.end());
                    channel.force(true);
                }
            }
            written = tail.lastSequence();
            break;
        }
        DirectoryCheckpointStore.forceDirectory(dir);
        // Segments wholly at or below the floor are what a truncation interrupted before deleting them.
        List<Long> firsts = new ArrayList<>(segments.keySet());
        for (int i = 0; i < firsts.size(); i++) {
            long lastOf = i + 1 < firsts.size() ? firsts.get(i + 1) - 1 : written;
            if (lastOf <= floor) {
                Files.deleteIfExists(segments.remove(firsts.get(i)));
            }
        }
        long bytes = 0;
        for (Path segment : segments.values()) {
            bytes += Files.size(segment);
        }
        return new DirectoryJournal(dir, maxBytes, bytes, Math.max(written, floor), segments, written, floor);
    }

    @Override
    long flush(List<Record> batch) throws IOException {
        int total = 0;
        for (Record record : batch) {
            total = Math.addExact(total, RECORD_OVERHEAD + record.payload().length);
        }
        boolean fresh = active == null || rollover || activeSize >= segmentLimit;
        ByteBuffer buffer = ByteBuffer.allocate(total + (fresh ? SEGMENT_HEADER_BYTES : 0));
        if (fresh) {
            buffer.putInt(MAGIC).putInt(VERSION);
        }
        for (Record record : batch) {
            byte[] payload = record.payload();
            buffer.putInt(payload.length).putLong(record.sequence()).putInt(headerCrc(payload.length, record.sequence()))
                    .put(payload).putInt(Crc.of(record.sequence(), payload));
        }
        buffer.flip();
        if (fresh) {
            closeActive();
            long first = batch.get(0).sequence();
            Path file = dir.resolve(String.format("%020d", first) + SUFFIX);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                writeFully(channel, buffer, 0);
                channel.force(true);
                DirectoryCheckpointStore.forceDirectory(dir);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            segments.put(first, file);
            active = channel;
            activeSize = buffer.limit();
            rollover = false;
        } else {
            writeFully(active, buffer, activeSize);
            active.force(false);
            activeSize += buffer.limit();
        }
        written = batch.get(batch.size() - 1).sequence();
        return fresh ? SEGMENT_HEADER_BYTES : 0;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    @Override
    public void replay(long afterSequence, Visitor visitor) throws IOException {
        // A snapshot of what is there now, taken in the flush turn; reading runs outside it, so that the
        // visitor may append.
        record Part(long first, Path file, long limit) {
        }
        List<Part> parts = exclusive(() -> {
            List<Part> list = new ArrayList<>();
            List<Map.Entry<Long, Path>> entries = new ArrayList<>(segments.entrySet());
            long from = Math.max(afterSequence, floor);
            for (int i = 0; i < entries.size(); i++) {
                boolean last = i + 1 == entries.size();
                if (!last && entries.get(i + 1).getKey() - 1 <= from) {
                    continue;
                }
                long limit = last && active != null ? activeSize : Files.size(entries.get(i).getValue());
                list.add(new Part(entries.get(i).getKey(), entries.get(i).getValue(), limit));
            }
            return list;
        });
        long from = Math.max(afterSequence, floor);
        long previous = Long.MIN_VALUE;
        for (Part part : parts) {
            Scan scan = scan(part.file(), part.first(), part.limit(), false, from, visitor);
            if (scan.records() > 0) {
                if (scan.firstSequence() <= previous) {
                    throw new CorruptStateException(part.file() + " starts at sequence " + scan.firstSequence()
                            + ", not after " + previous);
                }
                previous = scan.lastSequence();
            }
        }
    }

    @Override
    public void truncateThrough(long sequence) throws IOException {
        exclusive(() -> {
            if (sequence <= floor) {
                return null;
            }
            writeFloor(sequence);
            floor = sequence;
            raiseLastSequence(sequence);
            long freed = 0;
            List<Map.Entry<Long, Path>> entries = new ArrayList<>(segments.entrySet());
            for (int i = 0; i < entries.size(); i++) {
                boolean last = i + 1 == entries.size();
                long lastOf = last ? written : entries.get(i + 1).getKey() - 1;
                Path file = entries.get(i).getValue();
                if (lastOf <= sequence) {
                    if (last) {
                        closeActive();
                    }
                    freed += Files.size(file);
                    Files.delete(file);
                    segments.remove(entries.get(i).getKey());
                } else if (last && entries.get(i).getKey() <= sequence) {
                    // Partly covered: appends go to a new segment, so that a later truncation can delete this one.
                    rollover = true;
                }
            }
            released(freed);
            return null;
        });
    }

    @Override
    void closed() {
        closeActive();
    }

    private void closeActive() {
        if (active != null) {
            try {
                active.close();
            } catch (IOException e) {
                LOG.warn("Cannot close a journal segment of {}: {}", dir, e.getMessage());
            }
            active = null;
        }
    }

    private void writeFloor(long sequence) throws IOException {
        Path temp = dir.resolve(FLOOR + TEMP);
        ByteBuffer buffer = ByteBuffer.allocate(12).putLong(sequence).putInt(floorCrc(sequence));
        buffer.flip();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(channel, buffer, 0);
            channel.force(true);
        }
        Files.move(temp, dir.resolve(FLOOR), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectoryCheckpointStore.forceDirectory(dir);
    }

    private static long readFloor(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        if (buffer.remaining() != 12) {
            throw new CorruptStateException(file + " is damaged (" + buffer.remaining() + " bytes, not 12)");
        }
        long sequence = buffer.getLong();
        if (buffer.getInt() != floorCrc(sequence)) {
            throw new CorruptStateException(file + " fails its checksum");
        }
        return sequence;
    }

    private static int floorCrc(long sequence) {
        return Crc.of(sequence, new byte[] {'P', 'M', 'J', 'F'});
    }

    private static int headerCrc(int length, long sequence) {
        return Crc.of(sequence, ByteBuffer.allocate(4).putInt(length).array());
    }

    /** What a scan found: where valid data ends, how many records, their first and last sequence. */
    private record Scan(long end, int records, long firstSequence, long lastSequence) {
    }

    /**
     * Reads a segment up to {@code limit} bytes, verifying every record and handing those after {@code from} to
     * {@code visitor}. With {@code tail}, a torn end stops the scan (its result says where valid data ends);
     * otherwise, and for damage before the end, it is {@link CorruptStateException}.
     */
    private static Scan scan(Path file, long first, long limit, boolean tail, long from, Visitor visitor)
            throws IOException {
        long size = Math.min(limit, Files.size(file));
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            if (size < SEGMENT_HEADER_BYTES) {
                return torn(tail, file, 0, "its header is incomplete", new Scan(0, 0, 0, 0));
            }
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != MAGIC || version != VERSION) {
                if (tail && zerosFrom(file, 0, size)) {
                    return new Scan(0, 0, 0, 0);
                }
                throw new CorruptStateException(file + (magic == MAGIC
                        ? " has journal format version " + version + "; this reader knows " + VERSION
                        : " is not a journal segment (bad magic)"));
            }
            long offset = SEGMENT_HEADER_BYTES;
            int records = 0;
            long firstSequence = 0;
            long lastSequence = 0;
            while (offset < size) {
                Scan sofar = new Scan(offset, records, firstSequence, lastSequence);
                if (size - offset < RECORD_HEADER_BYTES) {
                    return torn(tail, file, offset, "a record header is incomplete", sofar);
                }
                int length = in.readInt();
                long sequence = in.readLong();
                int crc = in.readInt();
                if (crc != headerCrc(length, sequence) || length < 0) {
                    if (tail && zerosFrom(file, offset, size)) {
                        return sofar;
                    }
                    throw new CorruptStateException(file + ": the record header at byte " + offset + " fails its checksum");
                }
                long end = offset + RECORD_OVERHEAD + (long) length;
                if (end > size) {
                    return torn(tail, file, offset, "the record at byte " + offset + " runs past the end", sofar);
                }
                byte[] payload = in.readNBytes(length);
                int payloadCrc = in.readInt();
                if (payloadCrc != Crc.of(sequence, payload)) {
                    if (tail && (end == size || zerosFrom(file, end, size))) {
                        return sofar;
                    }
                    throw new CorruptStateException(file + ": record " + sequence + " at byte " + offset
                            + " fails its checksum");
                }
                if (records == 0 ? sequence != first : sequence <= lastSequence) {
                    throw new CorruptStateException(file + ": record at byte " + offset + " has sequence " + sequence
                            + (records == 0 ? ", not the segment's first " + first : " after " + lastSequence));
                }
                if (records == 0) {
                    firstSequence = sequence;
                }
                records++;
                lastSequence = sequence;
                offset = end;
                if (visitor != null && sequence > from) {
                    visitor.record(sequence, payload);
                }
            }
            return new Scan(offset, records, firstSequence, lastSequence);
        } catch (EOFException e) {
            throw new CorruptStateException(file + " ended while being read (changed meanwhile?)");
        }
    }

    private static Scan torn(boolean tail, Path file, long offset, String what, Scan sofar) throws CorruptStateException {
        if (tail) {
            return sofar;
        }
        throw new CorruptStateException(file + " is truncated: " + what + " (byte " + offset + ")");
    }

    private static boolean zerosFrom(Path file, long offset, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(offset)), 1 << 16);
            for (long at = offset; at < size; at++) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
