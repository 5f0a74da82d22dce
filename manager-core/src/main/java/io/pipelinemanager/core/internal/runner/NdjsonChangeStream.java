package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ChangeStream} over a runner subscription, encoded by the data plane's JSON encoder. Closing
 * it gives back its place in the instance-wide count of subscriptions ({@code release}, run once).
 */
final class NdjsonChangeStream implements ChangeStream {

    private static final byte[] KEEP_ALIVE = "{\"keepalive\":true}\n".getBytes(StandardCharsets.UTF_8);

    private final Subscription subscription;
    private final JsonChangeEncoder encoder;
    private final Duration keepAlive;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile PipelineError error;
    private volatile boolean ended;

    NdjsonChangeStream(Subscription subscription, JsonChangeEncoder encoder, Duration keepAlive, Runnable release) {
        this.subscription = subscription;
        this.encoder = encoder;
        this.keepAlive = keepAlive;
        this.release = release;
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
        subscription.close();
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
