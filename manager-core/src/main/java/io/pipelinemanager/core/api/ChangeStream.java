package io.pipelinemanager.core.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A subscription to one view's changes, encoded as newline-delimited JSON: one line per step that
 * changed the view, {@code {"step": n, "changes": [{"insert": {...}}, {"delete": {...}}, ...]}}; an
 * initial snapshot, when asked for, is a first line with {@code "snapshot": true}. The pipeline never
 * waits for a subscriber: one that falls too far behind is disconnected with a {@code BackPressure}
 * error. Close it when done.
 */
public interface ChangeStream extends AutoCloseable {

    /** What {@link #writeNext} did. */
    enum Poll {
        /** One line was written. */
        CHANGES,
        /** Nothing arrived within the timeout. */
        TIMEOUT,
        /** The stream ended; {@link #error()} says why if it was not a normal stop. */
        END
    }

    /** Writes the next step's changes as one line, waiting up to {@code timeout} for them. */
    Poll writeNext(OutputStream out, Duration timeout) throws IOException, InterruptedException;

    /** Why the stream ended abnormally (pipeline failure, slow subscriber), or null. */
    PipelineError error();

    /** Ends the subscription. */
    @Override
    void close();
}
