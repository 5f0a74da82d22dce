package io.pipelinemanager.core.api;

import java.util.List;

/**
 * Receives a view's changes step by step, on the executor the host passed to
 * {@link io.pipelinemanager.core.PipelineManager#listen}; calls are never concurrent and come in step order.
 * An initial snapshot arrives as a first call whose changes are all inserts.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface ChangeListener<T> {

    /** The view's changes in step {@code step} (deletes before inserts). */
    void onStep(long step, List<Change<T>> changes);

    /**
     * The subscription ended: {@code error} is null when the pipeline stopped normally or the subscription was
     * closed, else why it ended ({@code BackPressure}: the listener fell too far behind; {@code ShuttingDown};
     * or the pipeline's failure). Called at most once, after the last {@link #onStep}.
     */
    default void onEnd(PipelineError error) {
    }
}
