package io.pipelinemanager.core.internal.wakeup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A {@link WakeUp} never loses a signal: one raised after the counter was read ends the next wait at once. */
class WakeUpTest {

    @Test
    void aSignalRaisedBetweenTheCheckAndTheWaitEndsTheWait() throws InterruptedException {
        WakeUp wakeUp = new WakeUp();
        long seen = wakeUp.generation();
        wakeUp.signal();
        // A lost signal would make this wait the full ten minutes and answer false.
        assertThat(wakeUp.await(seen, Duration.ofMinutes(10))).isTrue();
    }

    @Test
    void withoutASignalTheWaitTimesOut() throws InterruptedException {
        WakeUp wakeUp = new WakeUp();
        wakeUp.signal();
        assertThat(wakeUp.await(wakeUp.generation(), Duration.ofMillis(1))).isFalse();
    }

    @Test
    void aWaitingThreadIsWoken() throws InterruptedException {
        WakeUp wakeUp = new WakeUp();
        AtomicBoolean signalled = new AtomicBoolean();
        long seen = wakeUp.generation();
        Thread waiter = new Thread(() -> {
            try {
                signalled.set(wakeUp.await(seen, Duration.ofMinutes(10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        wakeUp.signal();
        waiter.join(Duration.ofSeconds(30).toMillis());
        assertThat(signalled).isTrue();
    }

    @Test
    void changesWakeEveryTopicNamedAndAreBroadcast() {
        Wakeups wakeups = new Wakeups();
        java.util.List<java.util.Set<Topic>> sent = new java.util.ArrayList<>();
        wakeups.broadcastVia(sent::add);
        long compiler = wakeups.of(Topic.COMPILER).generation();
        long reconciler = wakeups.of(Topic.RECONCILER).generation();

        wakeups.changed(Topic.RECONCILER);
        wakeups.signal(Topic.COMPILER);

        assertThat(wakeups.of(Topic.RECONCILER).generation()).isEqualTo(reconciler + 1);
        assertThat(wakeups.of(Topic.COMPILER).generation()).isEqualTo(compiler + 1);
        assertThat(sent).as("only changes go to the other instances").containsExactly(java.util.Set.of(Topic.RECONCILER));
    }
}
