package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.engine.zset.ZSet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The view subscriptions of one pipeline: registration, delivery of each step's changes, and ending. */
final class Subscribers {

    private final Map<String, List<Subscription>> byView = new ConcurrentHashMap<>();

    /** A new subscription to {@code view}, not yet registered. */
    Subscription create(String view, int capacity) {
        return new Subscription(view, capacity, this::remove);
    }

    /** Registers a subscription so that it receives the following steps. */
    void add(Subscription subscription) {
        byView.computeIfAbsent(subscription.view(), v -> new CopyOnWriteArrayList<>()).add(subscription);
    }

    /** Delivers one step's outputs; views without changes are skipped. */
    void publish(long step, Map<String, ZSet> outputs) {
        outputs.forEach((view, delta) -> {
            if (!delta.isEmpty()) {
                byView.getOrDefault(view, List.of()).forEach(s -> s.publish(step, false, delta));
            }
        });
    }

    /** Ends every subscription (error null: the pipeline stopped normally). */
    void endAll(PipelineError error) {
        byView.values().forEach(list -> list.forEach(s -> s.end(error)));
        byView.clear();
    }

    private void remove(Subscription subscription) {
        List<Subscription> list = byView.get(subscription.view());
        if (list != null) {
            list.remove(subscription);
        }
    }
}
