package io.pipelinemanager.war.security;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.AuthMode;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Authenticates every request to a resource method (except {@link PublicOperation}s) before it runs:
 * the {@link Authenticator} decides the caller by {@code pm.auth.mode}, the {@link BrowserRequests}
 * rule refuses what a page of another site could have sent, and the caller goes into the request's
 * {@link CallerSecurityContext}. A refused authentication is audited by the core and answers 401
 * {@code Unauthenticated} with a {@code WWW-Authenticate} challenge (added by {@link ResponseHeadersFilter}).
 * Whether the caller's role allows the operation is decided by the core (403 {@code Forbidden}).
 *
 * <p>Runs after resource matching, so an unknown path or method answers 404/405 whatever the credentials.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    /** The manager, looked up at each request (it starts after the providers are created). */
    @Inject
    jakarta.inject.Provider<PipelineManager> manager;

    /** The browser origins allowed to call the API cross-origin. */
    @Inject
    jakarta.inject.Provider<CorsPolicy> cors;

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    /** Made from the settings at the first request when not given: it caches the provider's keys. */
    private volatile JwtVerifier jwt;

    /** For the container (CDI): the injected manager, and the verifier its settings call for ({@link JwtVerifier#of}). */
    public AuthenticationFilter() {
    }

    /**
     * For runtimes without CDI (an embedded server): its manager, the allowed browser origins and the JWT
     * verification ({@code null}: {@link JwtVerifier#of} the manager's settings).
     */
    public AuthenticationFilter(PipelineManager manager, CorsPolicy cors, JwtVerifier jwt) {
        this.manager = () -> manager;
        this.cors = () -> cors;
        this.jwt = jwt;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(PublicOperation.class)) {
            return;
        }
        PipelineManager m = manager.get();
        if (m.securitySettings().mode() == AuthMode.NONE && servletRequest != null) {
            OpenAccessWarning.shared().onRequest(AuthMode.NONE, localAddress());
        }
        String requestId = ResponseHeadersFilter.requestId(request);
        String client = clientAddress();
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        Authenticator authenticator = new Authenticator(m.securitySettings(), m::authenticate, jwtVerifier(m));
        Caller caller;
        try {
            caller = authenticator.authenticate(authorization, request.getSecurityContext(), requestId, client);
        } catch (ManagerException e) {
            if (e.code() == ErrorCode.Unauthenticated) {
                Challenge challenge = Challenge.of(e, authorization != null && !authorization.isEmpty());
                request.setProperty(ResponseHeadersFilter.CHALLENGE_PROPERTY, challenge);
                AuthMethod attempted = attempted(authorization);
                if (attempted != AuthMethod.API_KEY) {
                    // The core audits the API keys it refuses; refusals decided here are audited through it too.
                    m.recordAuthenticationFailure(attempted, challenge.reason(), requestId, client);
                }
            }
            throw e;
        }
        boolean byHeader = caller.authMethod() == AuthMethod.API_KEY || caller.authMethod() == AuthMethod.JWT;
        BrowserRequests.check(request.getMethod(), request.getMediaType(), request.getHeaderString("Origin"), byHeader,
                cors.get());
        request.setSecurityContext(new CallerSecurityContext(caller,
                request.getSecurityContext() != null && request.getSecurityContext().isSecure()));
    }

    private JwtVerifier jwtVerifier(PipelineManager m) {
        JwtVerifier verifier = jwt;
        if (verifier == null) {
            synchronized (this) {
                if (jwt == null) {
                    jwt = JwtVerifier.of(m.securitySettings());
                }
                verifier = jwt;
            }
        }
        return verifier;
    }

    private String localAddress() {
        try {
            return servletRequest.getLocalAddr();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return null;
        }
    }

    private String clientAddress() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return null; // a runtime without a servlet request behind its proxy
        }
    }

    /** How the refused request tried to authenticate. */
    private static AuthMethod attempted(List<String> authorization) {
        try {
            return BearerToken.parse(authorization).map(t -> t.isApiKey() ? AuthMethod.API_KEY : AuthMethod.JWT)
                    .orElse(AuthMethod.NONE);
        } catch (ManagerException malformed) {
            return AuthMethod.NONE;
        }
    }
}
