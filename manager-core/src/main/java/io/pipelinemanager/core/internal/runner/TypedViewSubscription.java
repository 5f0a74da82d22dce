package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.ViewStep;
import io.pipelinemanager.core.api.ViewSubscription;
import io.pipelinemanager.core.internal.io.egress.TypedRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ViewSubscription} over a runner subscription: each step's changes are decoded into typed rows and
 * signalled to the one {@link Flow.Subscriber} on the host's executor, as far as it requested them. Events it
 * did not request stay in the runner subscription's bounded queue (its overflow ends the subscription with
 * {@code BackPressure}, as for NDJSON streams). Signals are serialized by a drain task that at most one thread
 * runs at a time (a work-in-progress counter), so the subscriber is never called concurrently.
 */
final class TypedViewSubscription<T> implements ViewSubscription<T> {

    private static final Logger LOG = LoggerFactory.getLogger(TypedViewSubscription.class);

    private final ViewFeed feed;
    private final TypedRows<T> rows;
    private final Executor executor;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private volatile Flow.Subscriber<? super ViewStep<T>> subscriber;
    private volatile boolean announced;
    private volatile boolean done;
    private volatile PipelineError error;
    private volatile Throwable badRequest;
    /** Guards {@link #delivered}; waiters of {@link #awaitDelivered} wait on {@link #progressed}. */
    private final ReentrantLock progress = new ReentrantLock();
    private final Condition progressed = progress.newCondition();
    /** Every step up to this one has been handed to the subscriber (its {@code onNext} returned) or had no changes. */
    private long delivered = -1;
    private final AtomicInteger waiters = new AtomicInteger();

    TypedViewSubscription(ViewFeed feed, TypedRows<T> rows, Executor executor) {
        this.feed = feed;
        this.rows = rows;
        this.executor = executor;
    }

    @Override
    public String view() {
        return feed.subscription().view();
    }

    @Override
    public PipelineError error() {
        return error;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ViewStep<T>> s) {
        if (s == null) {
            throw new NullPointerException("subscriber");
        }
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("a view subscription serves one subscriber; subscribe again for another"));
            return;
        }
        subscriber = s;
        feed.subscription().onAvailable(this::signal);
        feed.subscription().onProgress(() -> {
            if (waiters.get() > 0) {
                signal();
            }
        });
        signal();
    }

    @Override
    public void close() {
        done = true;
        feed.close();
        wakeWaiters();
    }

    @Override
    public long awaitDelivered(long step, Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = timeout.toNanos();
        waiters.incrementAndGet();
        progress.lockInterruptibly();
        try {
            signal(); // a drain notices steps that did not change the view
            while (delivered < step) {
                if (done) {
                    PipelineError e = error;
                    throw e != null ? new ManagerException(e.code(), e.message(), e.details())
                            : new ManagerException(ErrorCode.PipelineNotRunning, "The subscription to view " + view()
                                    + " ended before step " + step + " was delivered", Map.of("view", view(), "step", step));
                }
                if (nanos <= 0) {
                    throw new TimeoutException("step " + step + " of view " + view() + " not delivered within " + timeout);
                }
                nanos = progressed.awaitNanos(nanos);
            }
            return delivered;
        } finally {
            progress.unlock();
            waiters.decrementAndGet();
        }
    }

    /** Records that everything up to {@code step} was delivered, waking waiters. */
    private void advance(long step) {
        progress.lock();
        try {
            if (step > delivered) {
                delivered = step;
                progressed.signalAll();
            }
        } finally {
            progress.unlock();
        }
    }

    private void wakeWaiters() {
        progress.lock();
        try {
            progressed.signalAll();
        } finally {
            progress.unlock();
        }
    }

    /** Schedules the drain task unless it runs already (then it loops once more). */
    private void signal() {
        if (subscriber != null && work.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                LOG.warn("The executor of a subscription to view {} refused its delivery task; the subscription ends",
                        view());
                done = true;
                feed.close();
                work.set(0);
            }
        }
    }

    private void drain() {
        int missed = 1;
        Flow.Subscriber<? super ViewStep<T>> s = subscriber;
        while (true) {
            if (!announced) {
                announced = true;
                s.onSubscribe(new Demand());
            }
            deliver(s);
            missed = work.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void deliver(Flow.Subscriber<? super ViewStep<T>> s) {
        while (!done) {
            Throwable refused = badRequest;
            if (refused != null) {
                done = true;
                feed.close();
                s.onError(refused);
                return;
            }
            boolean wanted = demand.get() > 0;
            // Read before polling: every event of a step up to it is queued by now.
            long reached = feed.subscription().reached();
            ChangeEvent event;
            try {
                event = wanted || feed.subscription().headIsEnd()
                        ? feed.subscription().poll(0, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == null) {
                if (feed.subscription().isEmpty()) {
                    advance(reached);
                }
                return;
            }
            if (event instanceof ChangeEvent.End end) {
                done = true;
                error = end.error();
                feed.close();
                wakeWaiters();
                if (end.error() == null) {
                    s.onComplete();
                } else {
                    s.onError(new ManagerException(end.error().code(), end.error().message(), end.error().details()));
                }
                return;
            }
            ChangeEvent.Changes changes = (ChangeEvent.Changes) event;
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            try {
                s.onNext(new ViewStep<>(changes.step(), changes.snapshot(), rows.changes(changes.delta())));
            } catch (RuntimeException | Error e) {
                // Rule 2.13: a subscriber that throws is cancelled.
                LOG.warn("The subscriber of view {} threw from onNext; its subscription is cancelled", view(), e);
                done = true;
                feed.close();
                wakeWaiters();
                return;
            }
            advance(changes.step());
        }
    }

    /** The subscriber's side: demand and cancellation. */
    private final class Demand implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            signal();
        }

        @Override
        public void cancel() {
            done = true;
            feed.close();
            wakeWaiters();
        }
    }
}
