package io.pipelinemanager.core.internal.wakeup;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wake-up signal for one background loop: a counter that {@link #signal()} raises. A loop reads the counter
 * ({@link #generation()}) <em>before</em> it looks for work, and after its pass waits only until the counter
 * moves on from what it read ({@link #await}); so a signal raised while the pass ran — even between its last
 * look and the wait — is never lost: the wait returns at once and the loop passes again. Many signals during one
 * pass make one more pass. Thread-safe.
 */
public final class WakeUp {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private long generation;

    /** The counter now; read it before looking for work, and pass it to {@link #await}. */
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiting loop (or makes its next wait return at once). */
    public void signal() {
        lock.lock();
        try {
            generation++;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a signal after {@code seen} (a value of {@link #generation()}) or until {@code timeout} passed;
     * true when signalled, false when the time ran out.
     */
    public boolean await(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = raised.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #await(long, Duration)} with the timeout in nanoseconds. */
    public boolean await(long seen, long timeoutNanos) throws InterruptedException {
        return await(seen, Duration.ofNanos(Math.max(0, timeoutNanos)));
    }
}
