package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/** Maps bean-validation failures of requests to {@code InvalidRequest} (400) with the violated fields. */
@Provider
public class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {

    @Inject
    ErrorResponses responses;

    /** For the container, which injects the fields. */
    public ValidationExceptionMapper() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ValidationExceptionMapper(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(ValidationException exception) {
        if (!(exception instanceof ConstraintViolationException cve)) {
            return responses.of(UnexpectedExceptionMapper.translate(exception));
        }
        List<Map<String, String>> violations = cve.getConstraintViolations().stream()
                .map(ValidationExceptionMapper::describe)
                .toList();
        return responses.of(new ManagerException(ErrorCode.InvalidRequest, "The request is invalid",
                Map.of("violations", violations)));
    }

    private static Map<String, String> describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "create.arg0" / "create.body": keep only the last node, the parameter or field.
        String field = path.substring(path.lastIndexOf('.') + 1);
        return Map.of("field", field, "message", v.getMessage());
    }
}
