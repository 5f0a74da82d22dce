package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.ChangeStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The writers of all egress streams: a few threads shared by every open stream. A stream is drained
 * only when its subscription has something to send (the core's push listener), a keep-alive line is
 * due, or its connection can take more bytes again, and it is written with the servlet's non-blocking
 * output; so no thread waits for an idle view or a slow reader, and open streams hold no request
 * threads. Closing it ends the writers, after letting queued drains (e.g. the end lines written when
 * the manager shuts down) run for a few seconds.
 */
public final class EgressWriters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EgressWriters.class.getName());

    /** Threads that write all egress streams of a server (they only run when a stream has something to write). */
    public static final int DEFAULT_THREADS = 2;

    private final ScheduledThreadPoolExecutor pool;
    private final Set<EgressConnection> open = ConcurrentHashMap.newKeySet();

    /** Writers on {@code threads} daemon threads. */
    public EgressWriters(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "pm-egress-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Streams {@code stream} as the body of the asynchronous request {@code async} (status 200,
     * {@code application/x-ndjson}) until it ends or the client goes away; the stream is then closed.
     */
    public void serve(ChangeStream stream, AsyncContext async, HttpServletResponse response, String description)
            throws IOException {
        EgressConnection connection = new EgressConnection(stream, async, response, pool, open::remove, description);
        open.add(connection);
        connection.start();
    }

    /** Streams being written now. */
    public int open() {
        return open.size();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("Egress writers still busy 5 s after the shutdown; ending their streams");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        List.copyOf(open).forEach(EgressConnection::abort);
    }
}
