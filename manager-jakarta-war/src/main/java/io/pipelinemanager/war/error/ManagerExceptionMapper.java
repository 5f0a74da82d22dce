package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ManagerException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Maps the core's {@link ManagerException} (and the JSON reader's, which uses it too) to the error body. */
@Provider
public class ManagerExceptionMapper implements ExceptionMapper<ManagerException> {

    @Inject
    ErrorResponses responses;

    /** For the container, which injects the fields. */
    public ManagerExceptionMapper() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ManagerExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(ManagerException exception) {
        return responses.of(exception);
    }
}
