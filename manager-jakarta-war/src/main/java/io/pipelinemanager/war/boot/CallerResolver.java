package io.pipelinemanager.war.boot;

import io.pipelinemanager.core.api.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides who a request is: the {@link Caller} every facade call receives. Until authentication
 * exists every request is {@link Caller#unauthenticated()} (the default tenant's administrator); the
 * API-key and JWT authentication will build the caller from the request's credentials here.
 */
@ApplicationScoped
public class CallerResolver {

    /** The caller of the current request. */
    public Caller current() {
        return Caller.unauthenticated();
    }
}
