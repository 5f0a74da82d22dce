package io.pipelinemanager.embedded.server;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.war.security.OpenAccessWarning;
import io.undertow.Undertow;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The manager's REST API without an application server: the WAR's JAX-RS resources, error pages,
 * health and metrics on RESTEasy and Undertow (the stack WildFly runs), plus the OpenAPI document at
 * {@code /openapi}, started in-process on a port of its own.
 *
 * <pre>{@code
 * try (PipelineManager manager = PipelineManager.builder().build();
 *      EmbeddedServer server = EmbeddedServer.builder().manager(manager).port(0).start()) {
 *     URI api = server.uri().resolve("api/programs"); // http://127.0.0.1:<port>/api/programs
 *     ...
 * }
 * }</pre>
 *
 * <p>A server given a {@link PipelineManager} leaves it to its owner; given a
 * {@link PipelineManagerBuilder} it builds the manager and closes it with itself.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedServer.class.getName());

    private final Undertow undertow;
    private final ServletDeployment deployment;
    private final ServerComponents components;
    private final PipelineManager ownedManager;
    private final String host;
    private final int port;
    private boolean closed;

    private EmbeddedServer(Undertow undertow, ServletDeployment deployment, ServerComponents components,
                           PipelineManager ownedManager, String host, int port) {
        this.undertow = undertow;
        this.deployment = deployment;
        this.components = components;
        this.ownedManager = ownedManager;
        this.host = host;
        this.port = port;
    }

    /** A builder; {@link Builder#manager} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The OpenAPI document exactly as {@code GET /openapi?format=json} serves it (no server needs to run). */
    public static String openApiDocument() {
        return OpenApiServlet.document();
    }

    /** The port the server listens on (the one chosen by the system when the builder asked for port 0). */
    public int port() {
        return port;
    }

    /** The server's root URL, e.g. {@code http://127.0.0.1:8080/}; the API is under {@code api/}. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port + "/");
    }

    /** The manager the server serves. */
    public PipelineManager manager() {
        return components.manager();
    }

    /**
     * Stops listening, then closes the manager if the server built it (its egress streams end with
     * {@code ShuttingDown}), then the egress writers and the meters. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // As on undeploy from WildFly: the manager closes first, so open egress streams get their ShuttingDown
        // line, then the writers send what is queued and end the rest; only then does the listener stop.
        if (ownedManager != null) {
            ownedManager.close();
        }
        components.close();
        undertow.stop();
        deployment.close();
        LOG.info(() -> "Embedded server on port " + port + " stopped");
    }

    /** {@code e} as an {@link UncheckedIOException} when a {@link BindException} caused it, else itself. */
    private static RuntimeException bindFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return new UncheckedIOException("Cannot listen on the address: " + bind.getMessage(), bind);
            }
        }
        return e;
    }

    /** Stops a server whose start may have failed half-way. */
    private static void stopQuietly(Undertow undertow) {
        try {
            undertow.stop();
        } catch (RuntimeException e) {
            LOG.fine(() -> "Stopping a server that did not start: " + e);
        }
    }

    /** Configures and starts an {@link EmbeddedServer}. */
    public static final class Builder {

        private PipelineManager manager;
        private PipelineManagerBuilder managerBuilder;
        private String bindAddress = "127.0.0.1";
        private int port = 8080;

        private Builder() {
        }

        /** Serves {@code manager}, which stays the caller's: closing the server does not close it. */
        public Builder manager(PipelineManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
            this.managerBuilder = null;
            return this;
        }

        /** Builds the manager from {@code builder} at {@link #start()}; the server closes it when it closes. */
        public Builder manager(PipelineManagerBuilder builder) {
            this.managerBuilder = Objects.requireNonNull(builder, "builder");
            this.manager = null;
            return this;
        }

        /** The address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} for every interface). */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** The port to listen on (default 8080); 0 lets the system choose a free one, see {@link EmbeddedServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Builds the manager if a builder was given, deploys the API and starts listening. If listening
         * fails, everything started here is closed again and the failure thrown: an address that cannot be
         * bound (the port is taken) as an {@link UncheckedIOException} whose cause is a {@link BindException}.
         */
        public EmbeddedServer start() {
            if (manager == null && managerBuilder == null) {
                throw new IllegalStateException("EmbeddedServer needs a manager: builder().manager(...)");
            }
            long started = System.nanoTime();
            PipelineManager owned = managerBuilder != null ? managerBuilder.build() : null;
            PipelineManager served = owned != null ? owned : manager;
            ServerComponents components = new ServerComponents(served);
            ServletDeployment deployment = null;
            Undertow undertow = null;
            try {
                deployment = ServletDeployment.deploy(components);
                undertow = Undertow.builder()
                        .addHttpListener(port, bindAddress)
                        .setHandler(deployment.handler())
                        .build();
                try {
                    undertow.start();
                } catch (RuntimeException e) {
                    throw bindFailure(e);
                }
                int bound = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
                EmbeddedServer server = new EmbeddedServer(undertow, deployment, components, owned, bindAddress, bound);
                // As the WAR does at its first request: no authentication on a non-loopback address is worth a warning.
                OpenAccessWarning.shared().atStart(served.securitySettings().mode(), bindAddress);
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.info(() -> "Embedded server listening on " + server.uri() + " (started in " + millis + " ms)");
                return server;
            } catch (RuntimeException | jakarta.servlet.ServletException e) {
                if (undertow != null) {
                    stopQuietly(undertow);
                }
                if (deployment != null) {
                    deployment.close();
                }
                if (owned != null) {
                    owned.close();
                }
                components.close();
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("The embedded server could not start: " + e.getMessage(), e);
            }
        }
    }
}
