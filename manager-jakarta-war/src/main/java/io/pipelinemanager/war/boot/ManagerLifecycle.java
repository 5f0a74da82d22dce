package io.pipelinemanager.war.boot;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.PipelineManagerBuilder;
import io.pipelinemanager.war.security.CorsPolicy;
import io.pipelinemanager.war.security.OpenAccessWarning;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;

/**
 * Builds the one {@link PipelineManager} at application start over the container data source
 * (JNDI name from MP Config key {@value DataSources#JNDI_KEY}) and the container's default managed
 * executor (the pipelines' {@code pm.runner.step-threads} step worker loops run on it), produces it for injection and closes it
 * at shutdown. The {@code pm.*} keys visible through MP Config (system properties, server variables,
 * {@code microprofile-config.properties}) other than the WAR's own ({@link WarConfigKey}) are passed
 * on to the builder, which refuses unknown ones; the builder reads the core's {@code PM_*}
 * environment variables itself ({@code environment()}) and ignores the others.
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
    private volatile CorsPolicy cors;

    /** Starts the manager when the application starts; a failure fails the deployment. The core logs its start and stop. */
    void onStartup(@Observes Startup startup) {
        // A bad origin list fails the deployment before anything starts.
        cors = CorsPolicy.of(config.getOptionalValue(WarConfigKey.HTTP_CORS_ALLOWED_ORIGINS.key(), String.class).orElse(""));
        DataSource dataSource = dataSources.lookup();
        PipelineManagerBuilder builder = PipelineManager.builder().dataSource(dataSource)
                .executor(new LongRunningExecutor(executor)).environment()
                .properties(coreProperties(config, System::getenv));
        manager = builder.build();
        // WildFly listens on jboss.bind.address (PM_BIND_ADDRESS of the one-command server; 127.0.0.1 when unset);
        // elsewhere the authentication filter checks the address of the first requests.
        OpenAccessWarning.shared().atStart(manager.securitySettings().mode(), System.getProperty("jboss.bind.address"));
        egressWriters = new EgressWriters(EgressWriters.DEFAULT_THREADS);
    }

    /**
     * The {@code pm.*} keys of MP Config for the core: not the WAR's own, and not those an environment
     * variable sets (the builder reads the environment itself, below explicit properties; MP Config may
     * list such a key under its mapped name too).
     */
    static Map<String, String> coreProperties(Config config, UnaryOperator<String> environment) {
        Map<String, String> properties = new TreeMap<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("pm.") && !WarConfigKey.names().contains(name))
                .filter(name -> environment.apply(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")) == null)
                .forEach(name -> config.getOptionalValue(name, String.class).ifPresent(v -> properties.put(name, v)));
        return properties;
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

    /** The browser origins allowed to call the API cross-origin ({@code pm.http.cors.allowed-origins}). */
    @Produces
    CorsPolicy cors() {
        CorsPolicy c = cors;
        if (c == null) {
            throw new IllegalStateException("The pipeline manager has not started");
        }
        return c;
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
