package io.pipelinemanager.core.internal.checkpoint;

import java.util.zip.CRC32C;

/** CRC32C checksums of the stored formats, as a signed {@code int} (what is written and compared). */
final class Crc {

    private Crc() {
    }

    /** The checksum of {@code length} bytes of {@code bytes} from {@code offset}, seeded with {@code prefix}. */
    static int of(long prefix, byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        for (int shift = 56; shift >= 0; shift -= 8) {
            crc.update((int) (prefix >>> shift));
        }
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The checksum of {@code bytes}, seeded with {@code prefix}. */
    static int of(long prefix, byte[] bytes) {
        return of(prefix, bytes, 0, bytes.length);
    }
}
