package io.pipelinemanager.core.internal.wakeup;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The wake-up signals of a manager instance, one {@link WakeUp} per {@link Topic}. Services call
 * {@link #changed} after the transaction of a change commits: it wakes this instance's loops and tells the other
 * instances on the same database through the {@link Broadcast} (PostgreSQL {@code NOTIFY}, see
 * {@link PostgresWakeups}; none on H2). Loops wait on their signal with their poll interval as the timeout, so
 * polling remains the fallback when a broadcast is lost. Thread-safe.
 */
public final class Wakeups {

    /** Tells the other instances sharing the database that something of these topics changed; never throws. */
    @FunctionalInterface
    public interface Broadcast {
        /** Sends the topics; failures are logged, never thrown (the change is committed regardless). */
        void send(Set<Topic> topics);
    }

    private final Map<Topic, WakeUp> signals = new EnumMap<>(Topic.class);
    private volatile Broadcast broadcast = topics -> {
    };

    /** Signals for every topic, with no broadcast until {@link #broadcastVia} sets one. */
    public Wakeups() {
        for (Topic topic : Topic.values()) {
            signals.put(topic, new WakeUp());
        }
    }

    /** The signal the loop of {@code topic} waits on. */
    public WakeUp of(Topic topic) {
        return signals.get(topic);
    }

    /** A committed change of this instance: wakes the topics' loops here and in the other instances. */
    public void changed(Topic first, Topic... more) {
        Set<Topic> topics = EnumSet.of(first, more);
        topics.forEach(this::signal);
        broadcast.send(topics);
    }

    /** Wakes this instance's loop of {@code topic} only. */
    public void signal(Topic topic) {
        signals.get(topic).signal();
    }

    /** Wakes every loop of this instance (e.g. after notifications may have been missed). */
    public void signalAll() {
        signals.values().forEach(WakeUp::signal);
    }

    /** Sends this instance's changes to the other instances through {@code broadcast} from now on. */
    public void broadcastVia(Broadcast broadcast) {
        this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
    }
}
