package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A subscriber's queue of one view's changes, bounded in steps and in estimated encoded bytes. The
 * pipeline never waits for a subscriber: when a step would overflow the queue, the subscription is
 * dropped, its pending changes discarded, and the subscriber receives an {@link ChangeEvent.End}
 * with a {@code BackPressure} error instead. One step is always accepted into an empty queue, however
 * large. Subscribers either {@link #poll} (waiting) or register a {@link #onAvailable listener} and
 * poll without waiting when it fires (no thread waits per subscriber).
 */
public final class Subscription implements AutoCloseable {

    private final String view;
    private final int maxSteps;
    private final long maxBytes;
    private final Consumer<Subscription> onRemove;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private volatile Runnable listener;
    /** The last step completed while subscribed: every event of a step up to it is queued (or was taken). */
    private volatile long reached;
    private volatile Runnable progressListener;

    Subscription(String view, int maxSteps, long maxBytes, Consumer<Subscription> onRemove) {
        this.view = view;
        this.maxSteps = maxSteps;
        this.maxBytes = maxBytes;
        this.onRemove = onRemove;
    }

    /** The subscribed view. */
    public String view() {
        return view;
    }

    /** The next event, waiting at most {@code timeout} (zero: not at all); null if none arrived in time. */
    public ChangeEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = arrived.awaitNanos(nanos);
            }
            Queued next = queue.poll();
            queuedBytes -= next.bytes();
            return next.event();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Push form: {@code listener} runs whenever an event is queued (at once if one already is). It runs
     * on the thread taking the pipeline's step (a step worker shared by all pipelines), so it must only hand the work off (e.g. schedule a writer) and
     * never block; the writer then drains with {@code poll(0, ...)}.
     */
    public void onAvailable(Runnable listener) {
        this.listener = listener;
        boolean ready;
        lock.lock();
        try {
            ready = !queue.isEmpty();
        } finally {
            lock.unlock();
        }
        if (ready) {
            listener.run();
        }
    }

    /** Whether the stream has ended (the end event may still be queued). */
    public boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The last step the pipeline completed while this subscription was registered (see {@link #reached(long)}). */
    long reached() {
        return reached;
    }

    /**
     * Records that step {@code step} is complete: its events, if any, are queued already. Runs {@link #onProgress}'s
     * listener (on the step thread; it must only hand off).
     */
    void reached(long step) {
        reached = step;
        Runnable l = progressListener;
        if (l != null) {
            l.run();
        }
    }

    /** Sets the listener run after every completed step (null: none). */
    void onProgress(Runnable listener) {
        this.progressListener = listener;
    }

    /** Whether no event is queued. */
    boolean isEmpty() {
        lock.lock();
        try {
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the next event is the end of the stream (so a reader with no demand for changes can still take it). */
    boolean headIsEnd() {
        lock.lock();
        try {
            return queue.peek() != null && queue.peek().event() instanceof ChangeEvent.End;
        } finally {
            lock.unlock();
        }
    }

    /** Estimated bytes of the queued changes. */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the subscription and drops what is queued; the pipeline forgets it. */
    @Override
    public void close() {
        lock.lock();
        try {
            ended = true;
            queue.clear();
            queuedBytes = 0;
        } finally {
            lock.unlock();
        }
        onRemove.accept(this);
    }

    /**
     * Delivers a step's changes ({@code bytes}: their estimated encoded size); drops the subscription
     * with a {@code BackPressure} end if the queue would exceed its steps or bytes.
     */
    void publish(long step, boolean snapshot, ZSet delta, long bytes) {
        boolean overflow = false;
        lock.lock();
        try {
            if (ended) {
                return;
            }
            if (!queue.isEmpty() && (queue.size() >= maxSteps || queuedBytes + bytes > maxBytes)) {
                int steps = queue.size();
                long held = queuedBytes;
                queue.clear();
                queuedBytes = 0;
                ended = true;
                overflow = true;
                queue.add(new Queued(new ChangeEvent.End(new PipelineError(ErrorCode.BackPressure,
                        "The subscriber of view '" + view + "' fell too far behind (" + steps + " steps, about "
                                + held + " bytes unread; the limits are " + maxSteps + " steps and " + maxBytes
                                + " bytes) and was disconnected",
                        Map.of("view", view, "queued_steps", steps, "queued_bytes", held,
                                "max_queue_steps", maxSteps, "max_queue_bytes", maxBytes))), 0));
            } else {
                queue.add(new Queued(new ChangeEvent.Changes(step, snapshot, delta), bytes));
                queuedBytes += bytes;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onRemove.accept(this);
        }
        notifyListener();
    }

    /** Ends the stream: the pipeline stopped (error null), failed, or the manager shuts down. */
    void end(PipelineError error) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            queue.add(new Queued(new ChangeEvent.End(error), 0));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        notifyListener();
    }

    private void notifyListener() {
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    private record Queued(ChangeEvent event, long bytes) {
    }
}
