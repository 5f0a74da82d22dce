package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * CORS for the origins in {@code pm.http.cors.allowed-origins} (none by default: CORS is off). A
 * preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from a listed
 * origin is answered 204 with the allowed methods and headers; from any other origin it is refused
 * (403 {@code Forbidden}), so the browser never sends the request. Answers to listed origins carry
 * {@code Access-Control-Allow-Origin}; credentials (cookies) are never allowed: the API authenticates by
 * header only.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The allowed origins, looked up at each request (the application makes them at start). */
    @Inject
    jakarta.inject.Provider<CorsPolicy> cors;

    /** For the container (CDI), which injects the field. */
    public CorsFilter() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public CorsFilter(CorsPolicy cors) {
        this.cors = () -> cors;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!BrowserRequests.isPreflight(request.getMethod(), origin,
                request.getHeaders().get("Access-Control-Request-Method"))) {
            return;
        }
        Map<String, String> headers = BrowserRequests.preflight(origin, cors.get());
        if (headers == null) {
            throw new ManagerException(ErrorCode.Forbidden, "Cross-origin requests from this origin are not allowed "
                    + "(pm.http.cors.allowed-origins)", Map.of("reason", "cross_origin", "origin", origin));
        }
        Response.ResponseBuilder answer = Response.noContent();
        headers.forEach(answer::header);
        request.abortWith(answer.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && !response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            BrowserRequests.actual(origin, cors.get()).forEach(response.getHeaders()::putSingle);
        }
    }
}
