package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.internal.io.RelationShape;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One registered subscription to a view, before any encoding: the runner's bounded queue of typed change
 * events, the view's columns, and the place it holds in the instance-wide count of subscriptions (given back
 * once, on close). The NDJSON stream and the typed publisher are two encoders over it.
 */
record ViewFeed(Subscription subscription, RelationShape shape, Runnable release, AtomicBoolean closed) {

    ViewFeed(Subscription subscription, RelationShape shape, Runnable release) {
        this(subscription, shape, release, new AtomicBoolean());
    }

    /** Ends the subscription and gives its place back (once). */
    void close() {
        subscription.close();
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
