package io.pipelinemanager.war.it.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An NDJSON ingress body generated while it is read, never held in memory: {@code count} lines
 * {@code {"insert": {"id": i, "payload": "..."}}} with ids 1..count and a fixed-width payload.
 */
public final class GeneratedRecords extends InputStream {

    private final long count;
    private final String payload;
    private long next = 1;
    private byte[] line = new byte[0];
    private int position;
    private long bytes;

    /** {@code count} records, each with a payload of {@code payloadChars} ASCII characters. */
    public GeneratedRecords(long count, int payloadChars) {
        this.count = count;
        this.payload = "x".repeat(payloadChars);
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        bytes++;
        return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - position);
        System.arraycopy(line, position, b, off, n);
        position += n;
        bytes += n;
        return n;
    }

    /** Bytes handed out so far. */
    public long bytesRead() {
        return bytes;
    }

    private boolean fill() {
        if (position < line.length) {
            return true;
        }
        if (next > count) {
            return false;
        }
        line = ("{\"insert\": {\"id\": " + next + ", \"payload\": \"" + payload + "\"}}\n").getBytes(StandardCharsets.US_ASCII);
        position = 0;
        next++;
        return true;
    }
}
