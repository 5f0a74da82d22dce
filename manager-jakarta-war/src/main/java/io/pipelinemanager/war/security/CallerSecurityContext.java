package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.Role;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * The request's JAX-RS security context once the {@link AuthenticationFilter} decided who calls:
 * its principal carries the core's {@link Caller}. Resources read it with {@link #callerOf}.
 */
public final class CallerSecurityContext implements SecurityContext {

    private final CallerPrincipal principal;
    private final boolean secure;

    /** The principal of an authenticated request: its name is the caller's principal. */
    public record CallerPrincipal(Caller caller) implements Principal {
        @Override
        public String getName() {
            return caller.principal();
        }
    }

    /** A context for {@code caller}; {@code secure} as the runtime reported it (HTTPS). */
    public CallerSecurityContext(Caller caller, boolean secure) {
        this.principal = new CallerPrincipal(caller);
        this.secure = secure;
    }

    /**
     * The caller of the request whose security context is {@code context}. Requests that reach a
     * resource have passed the filter; anything else is a wiring error.
     */
    public static Caller callerOf(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof CallerPrincipal p) {
            return p.caller();
        }
        throw new IllegalStateException("The request was not authenticated: AuthenticationFilter is not registered");
    }

    /** The caller. */
    public Caller caller() {
        return principal.caller();
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    /** Whether the caller holds {@code role} ({@code viewer}, {@code editor}, {@code admin}) or a higher one. */
    @Override
    public boolean isUserInRole(String role) {
        Role required = Role.fromWireName(role);
        return required != null && principal.caller().may(required);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    /** {@code BEARER} for API keys and JWTs, {@code null} without authentication. */
    @Override
    public String getAuthenticationScheme() {
        AuthMethod method = principal.caller().authMethod();
        return method == AuthMethod.API_KEY || method == AuthMethod.JWT ? "BEARER" : null;
    }
}
