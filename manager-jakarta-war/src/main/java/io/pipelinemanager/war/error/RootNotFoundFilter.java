package io.pipelinemanager.war.error;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The application's root ({@code GET /} on WildFly, the context root on other servers) has no page: it
 * answers the {@code NotFound} error body. Servers treat the root as a directory in their own ways
 * (WildFly answers 403, Open Liberty an empty 200), so the root is caught here, before them.
 */
@WebFilter(filterName = "pm-root-not-found", urlPatterns = "/*", asyncSupported = true)
public class RootNotFoundFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ErrorResponses responses;

    /** For the servlet container, which creates the instance; CDI injects the field. */
    public RootNotFoundFilter() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public RootNotFoundFilter(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        String root = request.getContextPath() + "/";
        if (uri.equals(root) || uri.equals(request.getContextPath())) {
            ErrorPageServlet.send(responses, response, ErrorPageServlet.forStatus(404));
            return;
        }
        chain.doFilter(request, response);
    }
}
