package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The view subscriptions of one pipeline: registration (at most a fixed number at once), delivery of
 * each step's changes, and ending. Once {@link #endAll} has run no subscription can register any
 * more, so none can miss the end of the stream.
 */
final class Subscribers {

    private final String pipeline;
    /** Guarded by {@code this}, like {@link #closed}. */
    private final Map<String, List<Subscription>> byView = new HashMap<>();
    private int count;
    private boolean closed;

    Subscribers(String pipeline) {
        this.pipeline = pipeline;
    }

    /** A new subscription to {@code view}, not yet registered. */
    Subscription create(String view, EgressLimits limits) {
        return new Subscription(view, limits.queueSteps(), limits.queueBytes(), this::remove);
    }

    /**
     * Registers a subscription so that it receives the following steps; false once the subscribers
     * were ended. {@code BackPressure} when the pipeline already serves {@code max}.
     */
    synchronized boolean add(Subscription subscription, int max) {
        if (closed) {
            return false;
        }
        if (count >= max) {
            throw new ManagerException(ErrorCode.BackPressure, "Pipeline '" + pipeline + "' already serves " + count
                    + " egress subscriptions, its maximum; close one or retry later",
                    Map.of("pipeline", pipeline, "subscriptions", count, "max_subscriptions", max));
        }
        byView.computeIfAbsent(subscription.view(), v -> new ArrayList<>()).add(subscription);
        count++;
        return true;
    }

    /** How many subscriptions are registered. */
    synchronized int count() {
        return count;
    }

    /**
     * Delivers one step's outputs; views without changes or subscribers are skipped. Then every subscription
     * learns that the step is complete (so a reader that has drained its queue knows it has seen every step up
     * to it, including steps that did not change its view).
     */
    void publish(long step, Map<String, ZSet> outputs) {
        outputs.forEach((view, delta) -> {
            if (!delta.isEmpty()) {
                List<Subscription> targets;
                synchronized (this) {
                    List<Subscription> list = byView.get(view);
                    targets = list == null ? List.of() : List.copyOf(list);
                }
                if (!targets.isEmpty()) {
                    long bytes = ChangeSizes.estimate(delta);
                    targets.forEach(s -> s.publish(step, false, delta, bytes));
                }
            }
        });
        List<Subscription> all;
        synchronized (this) {
            if (count == 0) {
                return;
            }
            all = new ArrayList<>(count);
            byView.values().forEach(all::addAll);
        }
        all.forEach(s -> s.reached(step));
    }

    /** Ends every subscription (error null: the pipeline stopped normally) and refuses new ones from now on. */
    void endAll(PipelineError error) {
        List<Subscription> ending = new ArrayList<>();
        synchronized (this) {
            closed = true;
            byView.values().forEach(ending::addAll);
            byView.clear();
            count = 0;
        }
        ending.forEach(s -> s.end(error));
    }

    private synchronized void remove(Subscription subscription) {
        List<Subscription> list = byView.get(subscription.view());
        if (list != null && list.remove(subscription)) {
            count--;
        }
    }
}
