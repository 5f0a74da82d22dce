package io.pipelinemanager.core.internal.runner;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class UninterruptibleWaitTest {

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() {
        AtomicInteger attempts = new AtomicInteger();
        Thread.currentThread().interrupt();
        boolean done = UninterruptibleWait.await(Duration.ofSeconds(30), nanos -> {
            // Like a blocking wait: an interrupted thread gets InterruptedException (and its flag cleared).
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return attempts.incrementAndGet() == 2;
        });
        assertThat(done).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void whatNeverHappensEndsTheWaitAtTheTimeout() {
        long started = System.nanoTime();
        boolean done = UninterruptibleWait.await(Duration.ofMillis(50), nanos -> {
            LockSupport.parkNanos(nanos);
            return false;
        });
        assertThat(done).isFalse();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
