package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.embedded.server.EmbeddedServer;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the REST server (and with {@code --dev} the SQL directory watcher) until {@link #stop()}: Ctrl-C /
 * SIGTERM through a shutdown hook in the real process, a direct call in tests.
 */
final class ServerMode {

    private final boolean shutdownHook;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile URI uri;

    ServerMode(boolean shutdownHook) {
        this.shutdownHook = shutdownHook;
    }

    int run(Settings settings, Path devDir, PrintWriter out, PrintWriter err) {
        try {
            return serve(settings, devDir, out);
        } finally {
            stopped.countDown();
        }
    }

    private int serve(Settings settings, Path devDir, PrintWriter out) {
        if (devDir != null) {
            DevMode.checkDirectory(devDir);
        }
        // Reachable first, so that an outage (5) is told apart from a failed migration at start (6).
        Failures.probe(settings.builder());
        EmbeddedServer server = start(settings);
        try (server; DevMode dev = devDir == null ? null : DevMode.start(server.manager(), devDir, out)) {
            uri = server.uri();
            out.println(BuildInfo.load().versionLine());
            out.println("REST API on " + uri.resolve("api/") + " (OpenAPI document at " + uri.resolve("openapi")
                    + (dev == null ? "" : "; development mode: watching " + devDir.toAbsolutePath() + " for *.sql")
                    + "); Ctrl-C stops it");
            out.flush();
            if (shutdownHook) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "pm-shutdown"));
            }
            started.countDown();
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("Stopped");
        out.flush();
        return ExitCodes.OK;
    }

    private static EmbeddedServer start(Settings settings) {
        try {
            return EmbeddedServer.builder().manager(settings.builder()).bindAddress(settings.bindAddress())
                    .port(settings.port()).start();
        } catch (ManagerException e) {
            throw Failures.operatorError(e, ExitCodes.DATABASE_UNREACHABLE);
        } catch (RuntimeException e) {
            throw Failures.serverStart(e, settings.bindAddress(), settings.port());
        }
    }

    /** Waits until the server listens; false after the timeout. */
    boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        return started.await(timeout, unit);
    }

    /** The server's root URL once started. */
    URI uri() {
        return uri;
    }

    /** Asks the server to stop and waits until it has (the manager closed, the port released). */
    void stop() {
        stopRequested.countDown();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
