package io.pipelinemanager.war.rest;

import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.security.ApiOperations;
import io.pipelinemanager.war.security.CallerSecurityContext;
import io.pipelinemanager.war.security.PublicOperation;
import io.pipelinemanager.war.dto.HealthResponse;
import io.pipelinemanager.war.observe.ApiMetrics;
import io.pipelinemanager.war.observe.ManagerGauges;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code /api/health} and {@code /api/metrics} on the application port. Health runs the same
 * MicroProfile checks the server serves under {@code /health}; metrics is Micrometer's Prometheus text.
 */
@Path("/")
@RequestScoped
@Tag(name = "operations")
public class OperationsResource {

    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** The liveness and readiness checks, looked up at every call. */
    Supplier<Stream<HealthCheck>> checks;

    @Inject
    ApiMetrics metrics;

    @Inject
    ManagerGauges gauges;

    /** For the container, which injects the fields and {@link #checks(Instance, Instance)}. */
    public OperationsResource() {
    }

    /** Wired by hand, outside CDI (the embedded server): {@code checks} are the liveness and readiness checks. */
    public OperationsResource(List<HealthCheck> checks, ApiMetrics metrics, ManagerGauges gauges) {
        this.checks = checks::stream;
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @Inject
    void checks(@Liveness Instance<HealthCheck> liveness, @Readiness Instance<HealthCheck> readiness) {
        this.checks = () -> Stream.concat(liveness.stream(), readiness.stream());
    }

    /** Liveness and readiness in one answer: 200 when every check is up, 503 otherwise. */
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "health", summary = "Liveness and readiness (database round trip, background loops) checks",
            description = "Needs no credentials (for load balancers and orchestrators); tells nothing about any tenant.")
    @APIResponse(responseCode = "200", description = "Every check is UP",
            content = @Content(schema = @Schema(implementation = HealthResponse.class)))
    @APIResponse(responseCode = "503", description = "At least one check is DOWN",
            content = @Content(schema = @Schema(implementation = HealthResponse.class)))
    @PublicOperation
    public Response health() {
        HealthResponse health = HealthResponse.of(checks.get().map(HealthCheck::call).toList());
        return Response.status(health.isUp() ? 200 : 503).entity(health).build();
    }

    /** The application's meters in Prometheus text format. */
    @GET
    @Path("metrics")
    @Produces(PROMETHEUS_TEXT)
    @Operation(operationId = "metrics", summary = "Metrics in Prometheus text format",
            description = "The meters describe the whole server and the default tenant's programs and pipelines: only "
                    + "callers of the default tenant may read them (Forbidden for any other tenant).")
    @APIResponse(responseCode = "200", description = "Prometheus text exposition format 0.0.4",
            content = @Content(mediaType = "text/plain", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL)
    @APIResponse(responseCode = "503", ref = RestApplication.UNAVAILABLE)
    public String metrics(@Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        if (!Caller.DEFAULT_TENANT.equals(caller.tenant()) || !caller.may(ApiOperations.METRICS_ROLE)) {
            throw new ManagerException(ErrorCode.Forbidden, "Metrics are for the default tenant's "
                    + ApiOperations.METRICS_ROLE.wireName() + "s and above", Map.of("required_role",
                    ApiOperations.METRICS_ROLE.wireName()));
        }
        gauges.refresh();
        return metrics.scrape();
    }
}
