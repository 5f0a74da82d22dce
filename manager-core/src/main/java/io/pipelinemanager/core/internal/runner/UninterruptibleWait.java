package io.pipelinemanager.core.internal.runner;

import java.time.Duration;

/**
 * A bounded wait that an interrupt of the waiting thread does not cut short: what is closing must wait for what
 * still runs (a turn, a checkpoint write) whatever interrupts it, and the interrupt is kept for the caller to see
 * afterwards.
 */
final class UninterruptibleWait {

    /** One wait of at most {@code nanos} (0: only look); true once what is awaited happened. */
    @FunctionalInterface
    interface Attempt {
        boolean await(long nanos) throws InterruptedException;
    }

    private UninterruptibleWait() {
    }

    /** Repeats {@code attempt} until it answers true or {@code timeout} passed; whether it answered true. */
    static boolean await(Duration timeout, Attempt attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    if (attempt.await(Math.max(0, left))) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                }
                if (left <= 0) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
