package io.pipelinemanager.war.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Gives every request an id (the {@code X-Request-Id} response header, the audit log's request id) and
 * every response the security headers {@link #SECURITY_HEADERS}: the API answers data, never pages, so
 * nothing may be sniffed, framed, cached or sent on as a referrer. {@code Cache-Control: no-store}
 * applies to every answer (tenant data and API key secrets alike) unless a resource set its own. A 401
 * gets its {@code WWW-Authenticate} challenge (RFC 6750) here, whoever refused the request.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class ResponseHeadersFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The response header with the request's id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The request property holding the request's id. */
    public static final String REQUEST_ID_PROPERTY = "io.pipelinemanager.request-id";
    /** The request property holding the {@link Challenge} of a refused authentication. */
    static final String CHALLENGE_PROPERTY = "io.pipelinemanager.challenge";

    /** The headers every response carries. */
    public static final Map<String, String> SECURITY_HEADERS = securityHeaders();

    private static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.put("Referrer-Policy", "no-referrer");
        return Map.copyOf(headers);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(REQUEST_ID_PROPERTY, UUID.randomUUID().toString());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        apply(headers::putSingle, headers.containsKey(HttpHeaders.CACHE_CONTROL));
        Object id = request.getProperty(REQUEST_ID_PROPERTY);
        if (id != null) {
            headers.putSingle(REQUEST_ID_HEADER, id);
        }
        if (response.getStatus() == 401 && !headers.containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            Object challenge = request.getProperty(CHALLENGE_PROPERTY);
            boolean carried = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
            headers.putSingle(HttpHeaders.WWW_AUTHENTICATE, (challenge instanceof Challenge c ? c
                    : carried ? Challenge.INVALID_TOKEN : Challenge.MISSING).header());
        }
    }

    /**
     * Sets the security headers through {@code header} (also for responses written outside JAX-RS:
     * streams, the container's error pages); {@code Cache-Control: no-store} unless {@code cacheControlSet}.
     */
    public static void apply(BiConsumer<String, String> header, boolean cacheControlSet) {
        SECURITY_HEADERS.forEach(header);
        if (!cacheControlSet) {
            header.accept(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    /** The id of a request that passed this filter (a fresh one otherwise, e.g. outside JAX-RS). */
    public static String requestId(ContainerRequestContext request) {
        Object id = request.getProperty(REQUEST_ID_PROPERTY);
        if (id == null) {
            id = UUID.randomUUID().toString();
            request.setProperty(REQUEST_ID_PROPERTY, id);
        }
        return id.toString();
    }
}
