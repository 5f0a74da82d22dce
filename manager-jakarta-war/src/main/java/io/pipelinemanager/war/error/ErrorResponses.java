package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.observe.ApiMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds, logs and counts error responses; the only place that turns an {@link ErrorCode} into HTTP. */
@ApplicationScoped
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    @Inject
    ApiMetrics metrics;

    /** The response for a manager exception: its code's status; 5xx bodies carry no details. */
    public Response of(ManagerException e) {
        ErrorCode code = e.code();
        int status = code.httpStatus();
        metrics.countError(code);
        ErrorBody body;
        if (status >= 500) {
            LOG.log(Level.SEVERE, "Request failed with " + code + ": " + e.getMessage(), e);
            body = new ErrorBody(code.name(), publicMessage(code, e), Map.of());
        } else {
            LOG.info(() -> "Request refused with " + code + ": " + e.getMessage());
            body = new ErrorBody(code.name(), e.getMessage(), e.details());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** The response for an unexpected failure: an {@code InternalError} that reveals nothing of it. */
    public Response unexpected(Throwable failure) {
        return of(new ManagerException(ErrorCode.InternalError, "Unexpected failure: " + failure, Map.of(), failure));
    }

    /** Server errors get a fixed message: the exception's own may describe internals. */
    private static String publicMessage(ErrorCode code, ManagerException e) {
        return code == ErrorCode.DatabaseUnavailable
                ? "The database is unavailable; retry later"
                : "Internal error; the server log has the details";
    }
}
