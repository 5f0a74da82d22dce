package io.pipelinemanager.embedded.server;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.war.error.ErrorResponses;
import io.pipelinemanager.war.error.ManagerExceptionMapper;
import io.pipelinemanager.war.error.UnexpectedExceptionMapper;
import io.pipelinemanager.war.error.ValidationExceptionMapper;
import io.pipelinemanager.war.json.JsonBodyProvider;
import io.pipelinemanager.war.observe.ApiMetrics;
import io.pipelinemanager.war.observe.LivenessCheck;
import io.pipelinemanager.war.observe.ManagerGauges;
import io.pipelinemanager.war.observe.ManagerReadinessCheck;
import io.pipelinemanager.war.observe.RequestMetricsFilter;
import io.pipelinemanager.war.rest.OperationsResource;
import io.pipelinemanager.war.rest.PipelineDataResource;
import io.pipelinemanager.war.rest.PipelineResource;
import io.pipelinemanager.war.rest.ApiKeyResource;
import io.pipelinemanager.war.rest.AuditResource;
import io.pipelinemanager.war.rest.MeResource;
import io.pipelinemanager.war.rest.ProgramResource;
import io.pipelinemanager.war.security.AuthenticationFilter;
import io.pipelinemanager.war.security.CorsFilter;
import io.pipelinemanager.war.security.CorsPolicy;
import io.pipelinemanager.war.security.ResponseHeadersFilter;
import io.pipelinemanager.war.stream.EgressWriters;

import java.util.List;

/**
 * The object graph that CDI builds in the WAR, built by hand: one instance of each of the WAR's
 * resources, providers and services, wired through the constructors those classes offer for this
 * (see the package documentation). What {@code ManagerLifecycle} does in the container (JNDI data source,
 * managed executor, MP Config) is the host's business here: it hands over a manager.
 */
final class ServerComponents implements AutoCloseable {

    /** How the readiness check names the database: the host built the manager, so there is no JNDI name. */
    static final String DATA_SOURCE = "embedded";

    private final PipelineManager manager;
    private final ApiMetrics metrics = new ApiMetrics();
    private final ErrorResponses errors = new ErrorResponses(metrics);
    private final EgressWriters egressWriters = new EgressWriters(EgressWriters.DEFAULT_THREADS);
    private final List<Object> resources;
    private final List<Object> providers;

    ServerComponents(PipelineManager manager) {
        this.manager = manager;
        // CORS stays off until the embedded server has a setting for pm.http.cors.allowed-origins; JWTs are
        // verified as the manager's pm.auth.jwt.* settings say (JwtVerifier.of).
        CorsPolicy cors = CorsPolicy.OFF;
        ManagerGauges gauges = new ManagerGauges(metrics, manager);
        OperationsResource operations = new OperationsResource(
                List.of(new LivenessCheck(), new ManagerReadinessCheck(() -> manager, DATA_SOURCE)), metrics, gauges);
        this.resources = List.of(
                new ProgramResource(manager),
                new PipelineResource(manager),
                new PipelineDataResource(manager, egressWriters, cors),
                new MeResource(manager),
                new ApiKeyResource(manager),
                new AuditResource(manager),
                operations);
        this.providers = List.of(
                new JsonBodyProvider(),
                new ManagerExceptionMapper(errors),
                new ValidationExceptionMapper(errors),
                new UnexpectedExceptionMapper(errors),
                new RequestMetricsFilter(metrics),
                new ResponseHeadersFilter(),
                new CorsFilter(cors),
                new AuthenticationFilter(manager, cors, null));
    }

    PipelineManager manager() {
        return manager;
    }

    /** What the error page servlet and the root filter log and count errors with. */
    ErrorResponses errors() {
        return errors;
    }

    /** The JAX-RS resources: what the WAR's application finds by scanning for {@code @Path}. */
    List<Object> resources() {
        return resources;
    }

    /** The JAX-RS providers: what the WAR's application finds by scanning for {@code @Provider}. */
    List<Object> providers() {
        return providers;
    }

    /** Ends the egress writers (after their queued lines) and the meters; the manager is its owner's. */
    @Override
    public void close() {
        egressWriters.close();
        metrics.close();
    }
}
