package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscriber's bounded queue of one view's changes. The pipeline never waits for a subscriber:
 * when the queue is full the subscription is dropped, its pending changes discarded, and the
 * subscriber receives an {@link ChangeEvent.End} with a {@code BackPressure} error instead.
 */
public final class Subscription implements AutoCloseable {

    private final String view;
    private final int capacity;
    private final BlockingQueue<ChangeEvent> queue;
    private final Consumer<Subscription> onClose;
    private volatile boolean ended;

    Subscription(String view, int capacity, Consumer<Subscription> onClose) {
        this.view = view;
        this.capacity = capacity;
        // One extra slot so the end-of-stream event always fits.
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.onClose = onClose;
    }

    /** The subscribed view. */
    public String view() {
        return view;
    }

    /** The next event, waiting at most {@code timeout}; null if none arrived in time. */
    public ChangeEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Whether the stream has ended (the end event may still be queued). */
    public boolean isEnded() {
        return ended;
    }

    /** Stops the subscription; the pipeline forgets it. */
    @Override
    public void close() {
        ended = true;
        onClose.accept(this);
    }

    /** Delivers a step's changes; drops the subscription if the subscriber is too slow. */
    synchronized void publish(long step, boolean snapshot, ZSet delta) {
        if (ended) {
            return;
        }
        if (queue.remainingCapacity() <= 1) {
            queue.clear();
            end(new PipelineError(ErrorCode.BackPressure,
                    "The subscriber of view '" + view + "' fell behind by more than " + capacity + " steps and was disconnected", Map.of("view", view)));
            onClose.accept(this);
            return;
        }
        queue.add(new ChangeEvent.Changes(step, snapshot, delta));
    }

    /** Ends the stream (pipeline stopped or failed). */
    synchronized void end(PipelineError error) {
        if (!ended) {
            ended = true;
            queue.add(new ChangeEvent.End(error));
        }
    }
}
