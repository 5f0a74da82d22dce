package io.pipelinemanager.war.observe;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/** Counts every answered request by method, route template (not the raw path) and status. */
@Provider
public class RequestMetricsFilter implements ContainerResponseFilter {

    @Inject
    ApiMetrics metrics;

    @Context
    ResourceInfo resourceInfo;

    /** For the container, which injects the fields. */
    public RequestMetricsFilter() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public RequestMetricsFilter(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        metrics.countRequest(request.getMethod(), route(), response.getStatus());
    }

    /** E.g. {@code /pipelines/{id}/start}; {@code unmatched} when no resource method matched. */
    private String route() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        Path type = resourceInfo.getResourceClass().getAnnotation(Path.class);
        Path sub = method.getAnnotation(Path.class);
        String route = (type == null ? "" : type.value()) + "/" + (sub == null ? "" : sub.value());
        route = route.replaceAll("/+", "/");
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
