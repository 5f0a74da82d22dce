package io.pipelinemanager.core.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A subscription to one view's changes, encoded as newline-delimited JSON: one line per step that
 * changed the view, {@code {"step": n, "changes": [{"insert": {...}}, {"delete": {...}}, ...]}}; an
 * initial snapshot, when asked for, is a first line with {@code "snapshot": true}. The pipeline never
 * waits for a subscriber: one that falls too far behind is disconnected with a {@code BackPressure}
 * error. While the view is idle, a writer should send a keep-alive line {@code {"keepalive": true}}
 * every {@link #keepAliveInterval()} ({@link #writeKeepAlive}), so a departed reader is noticed; readers
 * ignore it. Close it when done: open streams count against the subscription limits.
 *
 * <p>Two ways to drain it: pull ({@link #writeNext} with a timeout, one waiting thread per stream), or
 * push ({@link #onAvailable} plus {@code writeNext(out, Duration.ZERO)} when notified, no waiting thread).
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

    /**
     * Push form: {@code listener} runs whenever {@link #writeNext} has a line (or the end) to write
     * without waiting, and at once if it already has. It runs on the thread taking the pipeline's step (a
     * step worker shared by all pipelines): it must hand off (e.g. schedule a writer task) and never write or
     * block itself.
     */
    void onAvailable(Runnable listener);

    /** Writes the keep-alive line {@code {"keepalive":true}} and its newline. */
    void writeKeepAlive(OutputStream out) throws IOException;

    /** How long a writer lets the stream be silent before it writes a keep-alive line. */
    Duration keepAliveInterval();

    /**
     * Why the stream ended abnormally (pipeline failure, slow subscriber ({@code BackPressure}), manager
     * shutdown ({@code ShuttingDown})), or null after a normal stop of the pipeline.
     */
    PipelineError error();

    /** Ends the subscription. */
    @Override
    void close();
}
