package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads what {@link ChunkedOutputStream} wrote, verifying each chunk's CRC32C before any of its bytes are
 * returned; returns end-of-stream at the terminator (after checking the total length and CRC32C). A
 * truncation or a checksum mismatch throws {@link CorruptStateException}.
 */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private final String what;
    private final CRC32C total = new CRC32C();
    private final CRC32C chunkCrc = new CRC32C();
    private byte[] chunk = new byte[0];
    private int pos;
    private int limit;
    private long length;
    private boolean ended;

    ChunkedInputStream(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !nextChunk()) {
            return -1;
        }
        return chunk[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && !nextChunk()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    /** True when every byte was read and the terminator verified. */
    boolean atEnd() throws IOException {
        return pos == limit && !nextChunk();
    }

    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        byte[] header = readExactly(8);
        int len = ChunkedOutputStream.getInt(header, 0);
        if (len == 0) {
            byte[] trailer = new byte[12];
            System.arraycopy(header, 4, trailer, 0, 4);
            System.arraycopy(readExactly(8), 0, trailer, 4, 8);
            long declared = 0;
            for (int i = 0; i < 8; i++) {
                declared = (declared << 8) | (trailer[i] & 0xFF);
            }
            int crc = ChunkedOutputStream.getInt(trailer, 8);
            if (declared != length || crc != (int) total.getValue()) {
                throw new CorruptStateException(what + " is corrupt: its end marker does not match its contents");
            }
            ended = true;
            return false;
        }
        if (len < 0 || len > ChunkedOutputStream.MAX_CHUNK) {
            throw new CorruptStateException(what + " is corrupt: bad chunk length " + len);
        }
        if (chunk.length < len) {
            chunk = new byte[len];
        }
        readFully(chunk, len);
        chunkCrc.reset();
        chunkCrc.update(header, 0, 4);
        chunkCrc.update(chunk, 0, len);
        if ((int) chunkCrc.getValue() != ChunkedOutputStream.getInt(header, 4)) {
            throw new CorruptStateException(what + " is corrupt: checksum mismatch at byte " + length);
        }
        total.update(chunk, 0, len);
        length += len;
        pos = 0;
        limit = len;
        return true;
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        readFully(b, n);
        return b;
    }

    private void readFully(byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new CorruptStateException(what + " is truncated");
            }
            off += r;
        }
    }
}
