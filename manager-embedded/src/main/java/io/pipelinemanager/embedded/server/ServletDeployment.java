package io.pipelinemanager.embedded.server;

import io.pipelinemanager.war.RestApplication;
import io.pipelinemanager.war.error.ErrorPageServlet;
import io.pipelinemanager.war.error.RootNotFoundFilter;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ErrorPage;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.ServletContainer;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.ws.rs.ApplicationPath;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.plugins.server.servlet.ResteasyContextParameters;
import org.jboss.resteasy.spi.ResteasyDeployment;

import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The servlet deployment that {@code web.xml} and the WAR's annotations describe, rebuilt for Undertow:
 * RESTEasy's dispatcher under the application path ({@code /api/*}, asynchronous for egress), the root
 * filter on {@code /*}, the error page servlet as the page for every error status, and the OpenAPI document at
 * {@code /openapi} (where WildFly serves it).
 */
final class ServletDeployment implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServletDeployment.class.getName());

    private final ResteasyDeployment rest;
    private final DeploymentManager servlets;

    private ServletDeployment(ResteasyDeployment rest, DeploymentManager servlets) {
        this.rest = rest;
        this.servlets = servlets;
    }

    /** The classes of the servlets and filters deployed, the JAX-RS dispatcher's included. */
    Set<Class<?>> servletClasses() {
        DeploymentInfo info = servlets.getDeployment().getDeploymentInfo();
        Set<Class<?>> classes = new HashSet<>();
        info.getServlets().values().forEach(s -> classes.add(s.getServletClass()));
        info.getFilters().values().forEach(f -> classes.add(f.getFilterClass()));
        return classes;
    }

    /** The request handler of the started deployment. */
    HttpHandler handler() throws ServletException {
        return servlets.start();
    }

    /** Stops the servlets and the JAX-RS runtime. */
    @Override
    public void close() {
        try {
            servlets.stop();
        } catch (ServletException e) {
            LOG.warning(() -> "Stopping the servlets failed: " + e);
        }
        servlets.undeploy();
        rest.stop();
    }

    /** Starts the JAX-RS runtime over {@code components} and deploys (but does not start) the servlets. */
    static ServletDeployment deploy(ServerComponents components) {
        String apiPath = RestApplication.class.getAnnotation(ApplicationPath.class).value();

        ResteasyDeployment rest = new ResteasyDeploymentImpl();
        rest.getResources().addAll(components.resources());
        rest.getProviders().addAll(components.providers());
        // The dispatcher servlet takes a deployment from the context only when it has started.
        rest.start();

        ServletInfo dispatcher = Servlets.servlet("resteasy", HttpServlet30Dispatcher.class)
                .setAsyncSupported(true)
                .setLoadOnStartup(1)
                .addInitParam(ResteasyContextParameters.RESTEASY_SERVLET_MAPPING_PREFIX, apiPath)
                .addMapping(apiPath + "/*");
        ServletInfo errorPage = Servlets.servlet("pm-error-page", ErrorPageServlet.class,
                        new ImmediateInstanceFactory<>(new ErrorPageServlet(components.errors())))
                .addMapping(ErrorPageServlet.PATH);
        ServletInfo openApi = Servlets.servlet("pm-openapi", OpenApiServlet.class,
                        new ImmediateInstanceFactory<>(new OpenApiServlet()))
                .addMapping(OpenApiServlet.PATH);
        FilterInfo root = Servlets.filter("pm-root-not-found", RootNotFoundFilter.class,
                        new ImmediateInstanceFactory<>(new RootNotFoundFilter(components.errors())))
                .setAsyncSupported(true);

        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(ServletDeployment.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("pipeline-manager")
                .addServletContextAttribute(ResteasyDeployment.class.getName(), rest)
                .addServlets(dispatcher, errorPage, openApi)
                .addFilter(root)
                .addFilterUrlMapping(root.getName(), "/*", DispatcherType.REQUEST)
                .addErrorPage(new ErrorPage(ErrorPageServlet.PATH));
        // A container per server: several servers in one JVM must not share deployments by name.
        DeploymentManager servlets = ServletContainer.Factory.newInstance().addDeployment(info);
        servlets.deploy();
        return new ServletDeployment(rest, servlets);
    }
}
