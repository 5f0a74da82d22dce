package io.pipelinemanager.war.error;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.json.JsonMapper;
import io.pipelinemanager.war.security.ResponseHeadersFilter;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * The servlet container's error page (see {@code WEB-INF/web.xml}): errors the container answers
 * itself — a path outside {@code /api} such as {@code GET /}, a failure before JAX-RS is reached —
 * get the API's error body with the original status. Requested directly it answers {@code NotFound}
 * (the application's root is {@link RootNotFoundFilter}'s).
 * It needs no JAX-RS, so it behaves the same on every server.
 */
@WebServlet(name = "pm-error-page", urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    /** Where {@code web.xml} sends the container's errors. */
    public static final String PATH = "/pm-error";

    private static final long serialVersionUID = 1L;

    @Inject
    transient ErrorResponses responses;

    /** For the servlet container, which creates the instance; CDI injects the field. */
    public ErrorPageServlet() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ErrorPageServlet(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        send(responses, response, forStatus(status instanceof Integer code ? code : 0));
    }

    /** Logs and counts {@code error} and writes its body with its status, unless the response is committed. */
    static void send(ErrorResponses responses, HttpServletResponse response, ManagerException error) throws IOException {
        ErrorBody body = responses.body(error);
        if (!response.isCommitted()) {
            response.resetBuffer();
            response.setStatus(error.code().httpStatus());
            ResponseHeadersFilter.apply(response::setHeader, false);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            JsonMapper.get().writeValue(response.getOutputStream(), body);
        }
    }

    /**
     * The error for an HTTP status the container or JAX-RS produced: its own code for 401 (the server's
     * JWT verification; its {@code WWW-Authenticate} header stays), 403, 404, 405, 406 and 415, {@code InvalidRequest} for other client errors and {@code InternalError} for server errors; no
     * status (the page requested directly) is {@code NotFound}.
     */
    static ManagerException forStatus(int status) {
        return switch (status) {
            case 0, 404 -> new ManagerException(ErrorCode.NotFound, "There is no resource at this path; the API is under /api",
                    Map.of());
            case 401 -> new ManagerException(ErrorCode.Unauthenticated,
                    "The request carries no credentials, or credentials the server does not accept", Map.of());
            case 403 -> new ManagerException(ErrorCode.Forbidden, "The request is not allowed", Map.of());
            case 405 -> new ManagerException(ErrorCode.MethodNotAllowed, "This resource does not support the HTTP method",
                    Map.of());
            case 406 -> new ManagerException(ErrorCode.NotAcceptable,
                    "None of the media types in the Accept header can be produced by this operation", Map.of());
            case 415 -> new ManagerException(ErrorCode.UnsupportedMediaType,
                    "The request's Content-Type is missing or not one this operation reads", Map.of());
            default -> status >= 400 && status < 500
                    ? new ManagerException(ErrorCode.InvalidRequest, "The request is malformed", Map.of("status", status))
                    : new ManagerException(ErrorCode.InternalError, "Error page for status " + status, Map.of());
        };
    }
}
