package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.ChangeStream;
import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.json.JsonMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One egress stream on an asynchronous request: the subscription's NDJSON lines, each flushed as its
 * own chunk, and a keep-alive line {@code {"keepalive":true}} after {@link ChangeStream#keepAliveInterval()}
 * of silence, so a client that went away is noticed (the write fails) within a few seconds. Writes
 * use the servlet's non-blocking output: a drain writes while the connection is ready and returns;
 * the container calls back when it can take more. The body ends when the stream ends; if it ended
 * abnormally (pipeline failure, a subscriber too far behind, the manager shutting down) a last line
 * carries the error as {@code {"error_code", "message", "details"}}. The subscription is always closed.
 */
final class EgressConnection implements WriteListener, AsyncListener {

    private static final Logger LOG = Logger.getLogger(EgressConnection.class.getName());

    private final ChangeStream stream;
    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ScheduledExecutorService pool;
    private final Consumer<EgressConnection> onDone;
    private final String description;
    private final long keepAliveNanos;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile long lastWriteNanos;
    private volatile boolean keepAliveDue;
    private volatile ScheduledFuture<?> ticker;
    /** Guarded by {@code this}. */
    private ServletOutputStream out;
    private boolean flushNeeded = true;
    private boolean finished;

    EgressConnection(ChangeStream stream, AsyncContext async, HttpServletResponse response,
                     ScheduledExecutorService pool, Consumer<EgressConnection> onDone, String description) {
        this.stream = stream;
        this.async = async;
        this.response = response;
        this.pool = pool;
        this.onDone = onDone;
        this.description = description;
        this.keepAliveNanos = stream.keepAliveInterval().toNanos();
    }

    /** Sends the status and headers (with the first drain) and starts listening. */
    synchronized void start() throws IOException {
        async.setTimeout(0);
        async.addListener(this);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(WireFormat.NDJSON);
        response.setHeader("Cache-Control", "no-cache");
        lastWriteNanos = System.nanoTime();
        out = response.getOutputStream();
        long tick = Math.max(1, TimeUnit.NANOSECONDS.toMillis(keepAliveNanos) / 2);
        ticker = pool.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        out.setWriteListener(this);
        stream.onAvailable(this::schedule);
    }

    private void tick() {
        if (System.nanoTime() - lastWriteNanos >= keepAliveNanos) {
            keepAliveDue = true;
            schedule();
        }
    }

    /** Queues one drain unless one is queued already; it runs on a writer thread. */
    private void schedule() {
        if (drainQueued.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainQueued.set(false);
            }
        }
    }

    /** Writes what is ready while the connection takes it; never waits. */
    private synchronized void drain() {
        drainQueued.set(false);
        if (finished) {
            return;
        }
        try {
            while (out.isReady()) {
                if (flushNeeded) {
                    out.flush();
                    flushNeeded = false;
                    continue;
                }
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                ChangeStream.Poll poll = stream.writeNext(line, Duration.ZERO);
                if (poll == ChangeStream.Poll.END) {
                    writeEnd(stream.error(), line);
                    out.write(line.toByteArray());
                    finish();
                    return;
                }
                if (poll == ChangeStream.Poll.TIMEOUT) {
                    if (!keepAliveDue) {
                        return;
                    }
                    stream.writeKeepAlive(line);
                }
                keepAliveDue = false;
                out.write(line.toByteArray());
                lastWriteNanos = System.nanoTime();
                flushNeeded = true;
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Egress subscriber of " + description + " disconnected", e);
            finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Egress of " + description + " failed", e);
            finish();
        }
    }

    private void writeEnd(PipelineError error, ByteArrayOutputStream out) throws IOException {
        if (error != null) {
            LOG.info(() -> "Egress of " + description + " ended with " + error.code() + ": " + error.message());
            JsonMapper.get().writeValue(out, new ErrorBody(error.code().name(), error.message(), error.details()));
            out.write('\n');
        }
    }

    /** Closes the subscription and completes the response (the container sends what is buffered). */
    private synchronized void finish() {
        if (finished) {
            return;
        }
        release();
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // Already completed by the container (the client went away).
        }
    }

    /** Ends the stream at once without its end line (the writers are shut down). */
    synchronized void abort() {
        finish();
    }

    private synchronized void release() {
        if (finished) {
            return;
        }
        finished = true;
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        stream.close();
        onDone.accept(this);
    }

    @Override
    public void onWritePossible() {
        schedule();
    }

    @Override
    public void onError(Throwable t) {
        LOG.log(Level.FINE, "Egress subscriber of " + description + " disconnected", t);
        finish();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        release();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish();
    }

    @Override
    public void onError(AsyncEvent event) {
        finish();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted.
    }
}
