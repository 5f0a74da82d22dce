package io.pipelinemanager.core.internal.checkpoint;

import io.pipelinemanager.core.api.PipelineId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where checkpoints and input journals of pipelines are kept. Implementations: a local directory
 * (the embedded default) and the manager's database (so another instance can take a pipeline over).
 * Thread-safe; one writer per pipeline at a time (the lease holder), any number of readers.
 */
public interface CheckpointStore extends AutoCloseable {

    /** Writes the checkpoint body to a stream; the store frames, checksums and commits it. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a checkpoint of {@code pipeline} atomically: when this returns it is durable and is what
     * {@link #latest} answers; a crash before that leaves the previous one in place. Older checkpoints
     * of the pipeline are then removed (garbage-collected).
     *
     * @return the stored checkpoint's metadata, with its size in bytes
     */
    CheckpointInfo write(PipelineId pipeline, CheckpointInfo info, Body body) throws IOException;

    /**
     * The newest complete checkpoint of {@code pipeline}, if any. {@link CorruptStateException} when the newest
     * one's metadata fails verification (never an older one instead: the journal may have been truncated past it).
     */
    Optional<CheckpointInfo> latest(PipelineId pipeline) throws IOException;

    /**
     * Opens the body of a checkpoint {@link #latest} returned. The stream verifies checksums as it is
     * read and throws {@link CorruptStateException} on a mismatch or a truncation. A checkpoint that a
     * newer one has replaced (and garbage collection removed) is a plain {@link IOException}
     * ({@code NoSuchFileException}), not corruption.
     */
    InputStream open(PipelineId pipeline, CheckpointInfo info) throws IOException;

    /** The input journal of {@code pipeline} (created empty on first use). */
    Journal journal(PipelineId pipeline) throws IOException;

    /** Drops every checkpoint and the journal of {@code pipeline} (no error when there are none). */
    void clear(PipelineId pipeline) throws IOException;

    /** A short name for logs and stats: {@code directory} or {@code database}. */
    String kind();

    @Override
    void close();
}
