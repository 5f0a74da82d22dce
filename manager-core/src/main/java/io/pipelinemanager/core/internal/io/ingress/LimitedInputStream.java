package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A request body that may be at most {@code maxBytes} long: reading past the limit throws
 * {@code RequestTooLarge} (a {@link ManagerException}), so a parser stops without reading, or keeping,
 * more. Not thread-safe (one request, one reader).
 */
public final class LimitedInputStream extends FilterInputStream {
    private final long maxBytes;
    private final String table;
    private long read;

    /** Limits {@code body}, the request body for {@code table}, to {@code maxBytes} bytes. */
    public LimitedInputStream(InputStream body, long maxBytes, String table) {
        super(body);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0");
        }
        this.maxBytes = maxBytes;
        this.table = table;
    }

    /** The error for a body longer than {@code maxBytes}. */
    public static ManagerException tooLarge(String table, long maxBytes) {
        return new ManagerException(ErrorCode.RequestTooLarge, "The request body for table " + table
                + " is larger than " + maxBytes + " bytes (pm.ingress.max-request-bytes); nothing was applied; "
                + "split it into smaller requests", Map.of("table", table, "max_request_bytes", maxBytes));
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // Never ask for more than one byte past the limit: that byte proves the body too large.
        long allowed = maxBytes - read + 1;
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, allowed)));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, maxBytes - read + 1));
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) {
        read += n;
        if (read > maxBytes) {
            throw tooLarge(table, maxBytes);
        }
    }
}
