package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * The last resort: a {@link ManagerException} wrapped by the container is unwrapped; JAX-RS's own
 * client errors become the error body of their status (unknown path {@code NotFound} 404, wrong method
 * {@code MethodNotAllowed} 405 with its {@code Allow} header, {@code NotAcceptable} 406,
 * {@code UnsupportedMediaType} 415, any other 4xx {@code InvalidRequest} 400); everything else becomes
 * an {@code InternalError} 500 that does not leak the cause.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Inject
    ErrorResponses responses;

    /** For the container, which injects the fields. */
    public UnexpectedExceptionMapper() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public UnexpectedExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(Throwable exception) {
        Response response = responses.of(translate(exception));
        if (exception instanceof WebApplicationException wae && wae.getResponse().getStatus() == 405) {
            Object allow = wae.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                return Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
            }
        }
        return response;
    }

    /** The manager exception that describes {@code exception}. */
    static ManagerException translate(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ManagerException managerException) {
                return managerException;
            }
        }
        if (exception instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                return ErrorPageServlet.forStatus(status);
            }
        }
        return new ManagerException(ErrorCode.InternalError, "Unexpected failure: " + exception, Map.of(), exception);
    }
}
