package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A checkpoint body as a sequence of chunks, each with the CRC32C of its index and bytes (so that a changed,
 * lost, repeated or reordered chunk is noticed). Both stores frame bodies this way; they differ in where the
 * chunks go (one file, or one row each).
 */
final class Chunks {

    /** Bytes of a chunk, except the last one of a body. */
    static final int DEFAULT_SIZE = 1 << 20;
    /** The largest chunk a reader accepts; a larger length is corruption, not an allocation. */
    static final int MAX_SIZE = 64 << 20;

    private Chunks() {
    }

    /** The checksum stored with chunk {@code index}. */
    static int crc(int index, byte[] data, int length) {
        return Crc.of(index, data, 0, length);
    }

    /** Receives the chunks of a body being written, in order. */
    @FunctionalInterface
    interface Sink {
        void chunk(int index, byte[] data, int length, int crc) throws IOException;
    }

    /** Supplies the chunks of a body being read, in order; {@code null} after the last one. */
    @FunctionalInterface
    interface Source {
        Chunk next(int index) throws IOException;
    }

    /** One stored chunk as read back: its bytes and the checksum stored with them. */
    record Chunk(byte[] data, int length, int crc) {
    }

    /**
     * The stream a {@link CheckpointStore.Body} writes to: cuts the body into chunks for a {@link Sink}.
     * {@link #close()} does not complete the body; the store calls {@link #finish()} once the body was written
     * without an error (a failed body is never committed).
     */
    static final class Writer extends OutputStream {
        private final Sink sink;
        private final byte[] buffer;
        private int filled;
        private int chunks;
        private long bytes;
        private boolean finished;

        Writer(int chunkSize, Sink sink) {
            this.sink = sink;
            this.buffer = new byte[chunkSize];
        }

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            buffer[filled++] = (byte) b;
            if (filled == buffer.length) {
                emit();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkOpen();
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    emit();
                }
            }
        }

        private void checkOpen() throws IOException {
            if (finished) {
                throw new IOException("the checkpoint body was already completed");
            }
        }

        private void emit() throws IOException {
            sink.chunk(chunks, buffer, filled, crc(chunks, buffer, filled));
            chunks++;
            bytes += filled;
            filled = 0;
        }

        /** Emits the last, partial chunk; the body is complete. */
        void finish() throws IOException {
            checkOpen();
            if (filled > 0) {
                emit();
            }
            finished = true;
        }

        /** Chunks emitted so far. */
        int chunks() {
            return chunks;
        }

        /** Body bytes emitted so far. */
        long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            // The store decides when the body is complete (finish); closing by the body changes nothing.
        }
    }

    /**
     * Reads a body back from a {@link Source}, verifying every chunk's checksum as it goes and, at the end,
     * that exactly the recorded number of chunks and bytes were there.
     */
    static final class Reader extends InputStream {
        private final Source source;
        private final java.io.Closeable resource;
        private final String what;
        private final long expectedBytes;
        private final int expectedChunks;
        private Chunk current;
        private int position;
        private int index;
        private long bytes;
        private boolean ended;

        /**
         * @param expectedChunks the recorded chunk count, or -1 when the source itself marks the end
         * @param resource       closed with the stream (may be null)
         */
        Reader(Source source, String what, long expectedBytes, int expectedChunks, java.io.Closeable resource) {
            this.source = source;
            this.resource = resource;
            this.what = what;
            this.expectedBytes = expectedBytes;
            this.expectedChunks = expectedChunks;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current.data()[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length() - position);
            System.arraycopy(current.data(), position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            current = null;
            ended = true;
            if (resource != null) {
                resource.close();
            }
        }

        /** Makes bytes available in {@code current}; false at the verified end of the body. */
        private boolean fill() throws IOException {
            while (current == null || position == current.length()) {
                if (ended) {
                    return false;
                }
                Chunk next = expectedChunks >= 0 && index == expectedChunks ? null : source.next(index);
                if (next == null) {
                    ended = true;
                    if (bytes != expectedBytes || (expectedChunks >= 0 && index != expectedChunks)) {
                        throw new CorruptStateException(what + " is truncated: " + bytes + " of " + expectedBytes
                                + " bytes" + (expectedChunks >= 0 ? ", " + index + " of " + expectedChunks + " chunks" : ""));
                    }
                    current = null;
                    return false;
                }
                if (next.length() < 0 || next.length() > next.data().length
                        || crc(index, next.data(), next.length()) != next.crc()) {
                    throw new CorruptStateException(what + ": chunk " + index + " fails its checksum");
                }
                bytes += next.length();
                if (bytes > expectedBytes) {
                    throw new CorruptStateException(what + " holds more than its recorded " + expectedBytes + " bytes");
                }
                index++;
                current = next;
                position = 0;
            }
            return true;
        }
    }
}
