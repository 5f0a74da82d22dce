package io.pipelinemanager.war.boot;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.war.stream.EgressWriters;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.sql.DataSource;
import java.util.Locale;
import java.util.stream.StreamSupport;

/**
 * Builds the one {@link PipelineManager} at application start over the container data source
 * (JNDI name from MP Config key {@value DataSources#JNDI_KEY}) and the container's default managed
 * executor (pipelines' step loops run on it), produces it for injection and closes it
 * at shutdown. {@code pm.*} keys visible through MP Config (system properties,
 * {@code microprofile-config.properties}) are passed on to the builder, which rejects unknown ones;
 * {@code PM_*} environment variables are left to the core, which reads and checks them itself.
 */
@ApplicationScoped
public class ManagerLifecycle {

    @Inject
    Config config;

    @Inject
    DataSources dataSources;

    /** The container's default managed executor ({@code java:comp/DefaultManagedExecutorService}). */
    @Resource
    ManagedExecutorService executor;

    private volatile PipelineManager manager;
    private volatile EgressWriters egressWriters;

    /** Starts the manager when the application starts; a failure fails the deployment. The core logs its start and stop. */
    void onStartup(@Observes Startup startup) {
        DataSource dataSource = dataSources.lookup();
        PipelineManagerBuilder builder = PipelineManager.builder().dataSource(dataSource)
                .executor(new LongRunningExecutor(executor));
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("pm.") && !fromEnvironment(name))
                .forEach(name -> config.getOptionalValue(name, String.class).ifPresent(v -> builder.property(name, v)));
        manager = builder.build();
        egressWriters = new EgressWriters(EgressWriters.DEFAULT_THREADS);
    }

    /** Environment variables ({@code PM_*}) reach the core directly; MP Config only lists them under mapped names. */
    private static boolean fromEnvironment(String name) {
        return System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")) != null;
    }

    /** The facade, for injection into resources and checks (dependent: the class is final, so not proxied). */
    @Produces
    PipelineManager manager() {
        PipelineManager m = manager;
        if (m == null) {
            throw new IllegalStateException("The pipeline manager has not started");
        }
        return m;
    }

    /** The writers of egress streams, for injection into the data-plane resource. */
    @Produces
    EgressWriters egressWriters() {
        EgressWriters w = egressWriters;
        if (w == null) {
            throw new IllegalStateException("The pipeline manager has not started");
        }
        return w;
    }

    /** Closes the manager (its open egress streams end with ShuttingDown), then the writers that send those last lines. */
    @PreDestroy
    void close() {
        PipelineManager m = manager;
        manager = null;
        if (m != null) {
            m.close();
        }
        EgressWriters w = egressWriters;
        egressWriters = null;
        if (w != null) {
            w.close();
        }
    }
}
