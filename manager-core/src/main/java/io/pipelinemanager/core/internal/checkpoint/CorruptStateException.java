package io.pipelinemanager.core.internal.checkpoint;

import java.io.IOException;

/**
 * Stored state failed verification (checksum mismatch, truncation, bad magic) or was written by a newer
 * format version than this reader knows. Never loaded silently.
 */
public final class CorruptStateException extends IOException {
    public CorruptStateException(String message) {
        super(message);
    }

    /** With the cause that revealed the corruption. */
    public CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
