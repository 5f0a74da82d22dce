package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * The last resort: a {@link ManagerException} wrapped by the container is unwrapped; JAX-RS's own
 * client errors become {@code InvalidRequest} when they are 400s and otherwise (unknown path 404,
 * wrong method 405, unsupported media type 415) keep their status; everything else becomes an
 * {@code InternalError} 500 that does not leak the cause.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Inject
    ErrorResponses responses;

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status != 400 && status < 500 && translate(exception).code() == ErrorCode.InternalError) {
                return wae.getResponse();
            }
        }
        return responses.of(translate(exception));
    }

    /** The manager exception that describes {@code exception}. */
    static ManagerException translate(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ManagerException managerException) {
                return managerException;
            }
        }
        if (exception instanceof WebApplicationException wae && wae.getResponse().getStatus() == 400) {
            return new ManagerException(ErrorCode.InvalidRequest, "The request is malformed", Map.of());
        }
        return new ManagerException(ErrorCode.InternalError, "Unexpected failure: " + exception, Map.of(), exception);
    }
}
