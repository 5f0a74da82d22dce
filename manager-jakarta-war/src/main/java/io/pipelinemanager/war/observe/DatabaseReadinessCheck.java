package io.pipelinemanager.war.observe;

import io.pipelinemanager.war.boot.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Readiness: the manager's database answers a query on the manager's schema through the container data source. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 3;

    @Inject
    DataSources dataSources;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pipeline-manager-database")
                .withData("datasource", dataSources.jndiName());
        try (Connection c = dataSources.lookup().getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tenant")) {
                rs.next();
                return response.withData("tenants", rs.getLong(1)).up().build();
            }
        } catch (SQLException | RuntimeException e) {
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
    }
}
