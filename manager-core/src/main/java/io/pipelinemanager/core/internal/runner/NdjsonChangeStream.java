package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChangeStream}: the NDJSON encoder over a {@link ViewFeed} (the typed publisher,
 * {@link TypedViewSubscription}, is the other). Closing it gives back its place in the instance-wide count
 * of subscriptions.
 */
final class NdjsonChangeStream implements ChangeStream {

    private static final byte[] KEEP_ALIVE = "{\"keepalive\":true}\n".getBytes(StandardCharsets.UTF_8);

    private final ViewFeed feed;
    private final Subscription subscription;
    private final JsonChangeEncoder encoder;
    private final Duration keepAlive;
    private volatile PipelineError error;
    private volatile boolean ended;

    NdjsonChangeStream(ViewFeed feed, Duration keepAlive) {
        this.feed = feed;
        this.subscription = feed.subscription();
        this.encoder = new JsonChangeEncoder(feed.shape());
        this.keepAlive = keepAlive;
    }

    @Override
    public Poll writeNext(OutputStream out, Duration timeout) throws IOException, InterruptedException {
        if (ended) {
            return Poll.END;
        }
        ChangeEvent event = subscription.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            return Poll.TIMEOUT;
        }
        if (event instanceof ChangeEvent.End end) {
            error = end.error();
            ended = true;
            return Poll.END;
        }
        ChangeEvent.Changes changes = (ChangeEvent.Changes) event;
        if (changes.snapshot()) {
            encoder.writeSnapshot(changes.step(), changes.delta(), out);
        } else {
            encoder.writeStep(changes.step(), changes.delta(), out);
        }
        return Poll.CHANGES;
    }

    @Override
    public void onAvailable(Runnable listener) {
        subscription.onAvailable(listener);
    }

    @Override
    public void writeKeepAlive(OutputStream out) throws IOException {
        out.write(KEEP_ALIVE);
    }

    @Override
    public Duration keepAliveInterval() {
        return keepAlive;
    }

    @Override
    public PipelineError error() {
        return error;
    }

    @Override
    public void close() {
        ended = true;
        feed.close();
    }
}
