package io.pipelinemanager.war.it.support;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A streamed HTTP response read line by line on a background thread: lines queue up as the server
 * flushes them, {@link #ended()} completes when the body ends. Keep-alive lines ({@code {"keepalive":true}})
 * are counted, not queued, as a client ignores them. Close it to disconnect.
 */
public final class LineStream implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger keepAlives = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpResponse<Stream<String>> response;

    private LineStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "it-egress-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code request} and returns once the status line and headers arrived. */
    static LineStream open(HttpClient http, HttpRequest request) {
        try {
            return new LineStream(http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed", e);
        }
    }

    private void read() {
        try (Stream<String> body = response.body()) {
            body.forEach(line -> {
                if (KEEP_ALIVE.equals(line.replace(" ", ""))) {
                    keepAlives.incrementAndGet();
                } else {
                    lines.add(line);
                }
            });
            ended.complete(null);
        } catch (RuntimeException e) {
            ended.completeExceptionally(e);
        }
    }

    /** The keep-alive line of idle egress streams. */
    public static final String KEEP_ALIVE = "{\"keepalive\":true}";

    /** Keep-alive lines received so far. */
    public int keepAlives() {
        return keepAlives.get();
    }

    /** Whether the body ended (normally or not). */
    public boolean isEnded() {
        return ended.isDone();
    }

    /** The response's status. */
    public int status() {
        return response.statusCode();
    }

    /** The response's Content-Type. */
    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next line, waiting up to {@code timeout}; fails if none arrives. */
    public String next(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line within " + timeout + (ended.isDone() ? " (the body ended)" : ""));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lines that arrived and were not taken yet. */
    public List<String> drain() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    /** Waits until the body ends normally; fails on a timeout or a broken connection. */
    public void awaitEnd(Duration timeout) {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the streamed body did not end cleanly within " + timeout, e);
        }
    }

    /** Disconnects: closes the body stream, which cancels the exchange. */
    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
