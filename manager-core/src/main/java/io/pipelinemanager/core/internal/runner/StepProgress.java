package io.pipelinemanager.core.internal.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which pushes a pipeline's steps have applied, so a pusher can wait for its push and learn the step that
 * applied it. Steps take pushes in sequence order, so each step applied the pushes after the previous step's
 * last one up to its own last one. The last {@link #REMEMBERED} steps are remembered; for an older push the
 * answer is the latest step that may have applied it (an upper bound, never too early).
 */
final class StepProgress {

    /** How many steps are remembered for exact answers. */
    static final int REMEMBERED = 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    /** Per remembered step: {step, last push sequence it applied}, oldest first. */
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    private long steps;
    private long appliedSequence;
    /** The newest forgotten step and the last sequence it applied ({0, 0}: none forgotten). */
    private long forgottenStep;
    private long forgottenSequence;
    /** Recently rejected pushes: sequence → rejected batch number (the last {@link #REMEMBERED}). */
    private final java.util.LinkedHashMap<Long, Long> rejected = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Records that step {@code step} completed, having applied every push up to {@code lastSequence} (0: none). */
    void applied(long step, long lastSequence) {
        lock.lock();
        try {
            steps = step;
            if (lastSequence > appliedSequence) {
                appliedSequence = lastSequence;
                recent.addLast(new long[] {step, lastSequence});
                if (recent.size() > REMEMBERED) {
                    long[] dropped = recent.removeFirst();
                    forgottenStep = dropped[0];
                    forgottenSequence = dropped[1];
                }
            }
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that push {@code sequence} was set aside as rejected batch {@code batch} after step {@code step}:
     * it is done (later pushes may be applied), and its waiters learn that it was rejected.
     */
    void rejected(long step, long sequence, long batch) {
        lock.lock();
        try {
            rejected.put(sequence, batch);
        } finally {
            lock.unlock();
        }
        applied(step, sequence);
    }

    /** Wakes every waiter so it re-checks whether the pipeline still runs. */
    void wakeAll() {
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until push {@code sequence} is applied and returns the step that applied it; {@code alive} throws
     * when the pipeline can no longer apply it, {@code onRejected} (given the rejected batch's number) when the
     * push was set aside as a rejected batch.
     */
    long awaitApplied(long sequence, Duration timeout, Runnable alive, java.util.function.LongConsumer onRejected)
            throws InterruptedException, TimeoutException {
        lock.lockInterruptibly();
        try {
            await(() -> appliedSequence >= sequence, timeout, alive, "push " + sequence + " was not applied");
            Long batch = rejected.get(sequence);
            if (batch != null) {
                onRejected.accept(batch);
            }
            return stepOf(sequence);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until step {@code step} completed; returns the step count then. */
    long awaitStep(long step, Duration timeout, Runnable alive) throws InterruptedException, TimeoutException {
        lock.lockInterruptibly();
        try {
            await(() -> steps >= step, timeout, alive, "step " + step + " did not complete");
            return steps;
        } finally {
            lock.unlock();
        }
    }

    /** Steps completed so far. */
    long steps() {
        lock.lock();
        try {
            return steps;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The step that applied {@code sequence} (already applied): exact while that step is remembered, else the
     * newest forgotten step, the latest one that can have applied it. Called with the lock held.
     */
    private long stepOf(long sequence) {
        if (sequence <= forgottenSequence) {
            return forgottenStep;
        }
        for (long[] entry : recent) {
            if (entry[1] >= sequence) {
                return entry[0];
            }
        }
        throw new IllegalStateException("push " + sequence + " applied but no step remembers it");
    }

    private interface Check {
        boolean done();
    }

    private void await(Check check, Duration timeout, Runnable alive, String what)
            throws InterruptedException, TimeoutException {
        long nanos = timeout.toNanos();
        while (!check.done()) {
            alive.run();
            if (nanos <= 0) {
                throw new TimeoutException(what + " within " + timeout);
            }
            nanos = advanced.awaitNanos(nanos);
        }
    }
}
