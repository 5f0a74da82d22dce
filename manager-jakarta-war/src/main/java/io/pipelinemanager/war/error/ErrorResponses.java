package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.observe.ApiMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds, logs and counts error responses; the only place that turns an {@link ErrorCode} into HTTP. */
@ApplicationScoped
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    /** Seconds a client is asked to wait before retrying a 503 ({@code Retry-After}). */
    static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    ApiMetrics metrics;

    /** For the container, which injects the fields. */
    public ErrorResponses() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ErrorResponses(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * The response for a manager exception: its code's status and {@link #body}; a 503 (the database
     * is unavailable) also says when to retry ({@code Retry-After}).
     */
    public Response of(ManagerException e) {
        Response.ResponseBuilder response = Response.status(e.code().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(body(e));
        if (e.code().httpStatus() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /**
     * Logs and counts the error and returns what the client may see: for 4xx the message and details,
     * for 5xx a fixed message and no details (the cause goes to the log only).
     */
    public ErrorBody body(ManagerException e) {
        ErrorCode code = e.code();
        metrics.countError(code);
        if (code.httpStatus() >= 500) {
            LOG.log(Level.SEVERE, "Request failed with " + code + ": " + e.getMessage(), e);
            return new ErrorBody(code.name(), publicMessage(code), Map.of());
        }
        LOG.info(() -> "Request refused with " + code + ": " + e.getMessage());
        return new ErrorBody(code.name(), e.getMessage(), e.details());
    }

    /** Server errors get a fixed message: the exception's own may describe internals. */
    private static String publicMessage(ErrorCode code) {
        return switch (code) {
            case DatabaseUnavailable -> "The database is unavailable; retry later";
            case StorageUnavailable -> "The checkpoint store is unavailable; nothing of the request was kept, retry later";
            default -> "Internal error; the server log has the details";
        };
    }
}
