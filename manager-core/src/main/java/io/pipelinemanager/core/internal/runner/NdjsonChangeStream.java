package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A {@link ChangeStream} over a runner subscription, encoded by the data plane's JSON encoder. */
final class NdjsonChangeStream implements ChangeStream {

    private final Subscription subscription;
    private final JsonChangeEncoder encoder;
    private volatile PipelineError error;
    private volatile boolean ended;

    NdjsonChangeStream(Subscription subscription, JsonChangeEncoder encoder) {
        this.subscription = subscription;
        this.encoder = encoder;
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
    public PipelineError error() {
        return error;
    }

    @Override
    public void close() {
        ended = true;
        subscription.close();
    }
}
