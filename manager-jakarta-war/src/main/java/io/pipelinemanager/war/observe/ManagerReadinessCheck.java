package io.pipelinemanager.war.observe;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ManagerHealth;
import io.pipelinemanager.war.boot.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.Supplier;

/** Readiness as the manager reports it: its database answers and its background loops keep running. */
@Readiness
@ApplicationScoped
public class ManagerReadinessCheck implements HealthCheck {

    /** The check's name in health answers. */
    public static final String NAME = "pipeline-manager-ready";

    /** The manager, looked up at every check (it may not have started yet). */
    Supplier<PipelineManager> manager;

    /** Where the manager's database is, as the answer shows it (the container's JNDI name). */
    Supplier<String> dataSource;

    /** For the container, which calls {@link #wire(Provider, DataSources)}. */
    public ManagerReadinessCheck() {
    }

    /** Wired by hand, outside CDI (the embedded server): {@code dataSource} describes the database in answers. */
    public ManagerReadinessCheck(Supplier<PipelineManager> manager, String dataSource) {
        this.manager = manager;
        this.dataSource = () -> dataSource;
    }

    @Inject
    void wire(Provider<PipelineManager> manager, DataSources dataSources) {
        this.manager = manager::get;
        this.dataSource = dataSources::jndiName;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("datasource", dataSource.get());
        ManagerHealth health;
        try {
            health = manager.get().health();
        } catch (RuntimeException e) {
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
        response.withData("database", upDown(health.databaseUp()))
                .withData("background_work", upDown(health.backgroundWorkUp()));
        health.details().forEach(response::withData);
        return response.status(health.isUp()).build();
    }

    private static String upDown(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
