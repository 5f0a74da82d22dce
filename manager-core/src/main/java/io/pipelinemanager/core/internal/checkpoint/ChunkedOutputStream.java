package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Frames a byte stream as checksummed chunks: each chunk is {@code [int length > 0][int CRC32C of the
 * length and data][data]}; {@link #finish} writes the terminator {@code [int 0][long total length][int
 * CRC32C of all data]}. A reader verifies every chunk before handing out its bytes
 * ({@link ChunkedInputStream}), so corruption is detected before any of it is parsed.
 */
final class ChunkedOutputStream extends OutputStream {
    static final int CHUNK = 1 << 16;
    static final int MAX_CHUNK = 1 << 20;

    private final OutputStream out;
    private final byte[] buffer = new byte[CHUNK];
    private final CRC32C total = new CRC32C();
    private final CRC32C chunkCrc = new CRC32C();
    private int used;
    private long length;
    private boolean finished;

    ChunkedOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == CHUNK) {
            flushChunk();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == CHUNK) {
                flushChunk();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void flushChunk() throws IOException {
        if (used == 0) {
            return;
        }
        byte[] header = new byte[8];
        putInt(header, 0, used);
        chunkCrc.reset();
        chunkCrc.update(header, 0, 4);
        chunkCrc.update(buffer, 0, used);
        putInt(header, 4, (int) chunkCrc.getValue());
        out.write(header);
        out.write(buffer, 0, used);
        total.update(buffer, 0, used);
        length += used;
        used = 0;
    }

    /** Writes the last chunk and the terminator; does not close the underlying stream. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        flushChunk();
        byte[] trailer = new byte[16];
        putInt(trailer, 0, 0);
        for (int i = 0; i < 8; i++) {
            trailer[4 + i] = (byte) (length >>> (56 - 8 * i));
        }
        putInt(trailer, 12, (int) total.getValue());
        out.write(trailer);
        out.flush();
        finished = true;
    }

    @Override
    public void flush() {
        // Chunks are written when full or on finish(); a partial chunk is never flushed on its own.
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
