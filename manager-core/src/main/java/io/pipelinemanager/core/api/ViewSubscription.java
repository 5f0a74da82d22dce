package io.pipelinemanager.core.api;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;

/**
 * A typed subscription to one view's changes: a {@link Flow.Publisher} of {@link ViewStep}s for exactly one
 * {@link Flow.Subscriber} (a second {@code subscribe} is refused with {@code onError}), signalled on the
 * host's executor, never concurrently. It is registered with the pipeline when it is created, so steps are
 * queued for it from then on, and its errors ({@code UnknownView}, {@code PipelineNotRunning},
 * {@code BackPressure} at the subscription caps) are thrown at creation.
 *
 * <p>Back pressure follows the rule of HTTP egress: the pipeline never waits for a subscriber. Steps the
 * subscriber has not requested (or not yet received, its executor being busy) wait in a queue bounded by
 * {@code pm.egress.queue-steps} steps and about {@code pm.egress.queue-bytes} bytes; a step that would
 * overflow it ends the subscription with {@code onError(ManagerException)} code {@code BackPressure}. A normal
 * stop of the pipeline is {@code onComplete}; a failure, a manager shutdown ({@code ShuttingDown}) or a
 * pipeline error is {@code onError} with a {@link ManagerException} carrying that error. Close it (or cancel
 * the {@link Flow.Subscription}) when done: open subscriptions count against
 * {@code pm.egress.max-subscriptions-per-pipeline} and {@code pm.egress.max-subscriptions}.
 *
 * <p>A runnable example (a listener, a push and {@link #awaitDelivered}) is in the class comment of
 * {@link io.pipelinemanager.core.PipelineManager}; {@code samples/…/OrderTotals.java} is a small host application.
 *
 * @param <T> the row type
 */
public interface ViewSubscription<T> extends Flow.Publisher<ViewStep<T>>, AutoCloseable {

    /** The view's declared name. */
    String view();

    /**
     * Waits until every step up to {@code step} has been delivered: the subscriber's {@code onNext} (a listener's
     * {@code onStep}) returned for each of them that changed the view. With the step from
     * {@link io.pipelinemanager.core.PipelineManager#awaitApplied}, a host knows its subscriber has seen what
     * it pushed. Returns the step delivered through (at least {@code step}).
     *
     * @throws TimeoutException when not delivered within {@code timeout} (e.g. the subscriber requested nothing)
     * @throws ManagerException when the subscription ended first: its error, or {@code PipelineNotRunning}
     */
    long awaitDelivered(long step, Duration timeout) throws InterruptedException, TimeoutException;

    /** Why the subscription ended abnormally, or null (still open, stopped normally, or closed). */
    PipelineError error();

    /** Ends the subscription; the subscriber gets no more signals (closing is not an error). */
    @Override
    void close();
}
