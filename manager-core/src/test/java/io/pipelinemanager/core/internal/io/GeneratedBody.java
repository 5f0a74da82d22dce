package io.pipelinemanager.core.internal.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/** A request body generated on the fly (never held in memory): a prefix, records from a function, a suffix. */
public final class GeneratedBody extends InputStream {
    private final LongFunction<String> record;
    private final long records;
    private final byte[] suffix;
    private byte[] chunk;
    private int pos;
    private long next;
    private boolean suffixDone;
    private long bytesRead;

    /** {@code records} records {@code record.apply(0..records-1)}, preceded by {@code prefix}, followed by {@code suffix}. */
    public GeneratedBody(String prefix, LongFunction<String> record, long records, String suffix) {
        this.record = record;
        this.records = records;
        this.chunk = prefix.getBytes(StandardCharsets.UTF_8);
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    }

    /** Newline-terminated records without prefix or suffix. */
    public static GeneratedBody lines(LongFunction<String> record, long records) {
        return new GeneratedBody("", i -> record.apply(i) + "\n", records, "");
    }

    /** Bytes handed out so far. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos == chunk.length) {
            if (!refill()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        bytesRead += n;
        return n;
    }

    private boolean refill() {
        pos = 0;
        if (next < records) {
            StringBuilder sb = new StringBuilder(8192);
            while (next < records && sb.length() < 8192) {
                sb.append(record.apply(next++));
            }
            chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
            return true;
        }
        if (!suffixDone) {
            suffixDone = true;
            chunk = suffix;
            return true;
        }
        return false;
    }
}
