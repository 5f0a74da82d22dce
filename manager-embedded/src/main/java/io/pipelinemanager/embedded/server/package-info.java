/**
 * {@link io.pipelinemanager.embedded.server.EmbeddedServer}: the REST API without an application server.
 *
 * <h2>Same classes as the WAR, not copies</h2>
 * The WAR module attaches its {@code WEB-INF/classes} as a jar (classifier {@code classes}) and this module
 * depends on it, so the resources, DTOs, JSON provider, exception mappers, error page servlet, root filter,
 * request metrics filter, health checks and Micrometer meters that run here are the very classes WildFly
 * and Open Liberty run. Only what the application server does itself is rebuilt:
 * <ul>
 *   <li><b>Runtime</b>: RESTEasy on Undertow, the JAX-RS implementation and web server inside WildFly, so
 *       request matching, content negotiation, bean validation (Hibernate Validator) and servlet
 *       asynchronous egress behave the same. RESTEasy's own Jackson provider is left out, as the WAR's
 *       WildFly deployment excludes it: the WAR's {@code JsonBodyProvider} binds every body.</li>
 *   <li><b>Servlet deployment</b> ({@code ServletDeployment}): what {@code web.xml} and the WAR's servlet
 *       annotations declare: RESTEasy's dispatcher under {@code /api/*} (asynchronous), the root filter on
 *       {@code /*} and the error page servlet as the page for every error status, so unknown paths and
 *       container errors get the same JSON error body.</li>
 *   <li><b>Wiring</b> ({@code ServerComponents}): no CDI container. Every CDI bean of the WAR keeps its
 *       no-argument constructor and injected fields for the container and also has a constructor taking
 *       the same dependencies; this module calls those constructors once per server and hands RESTEasy
 *       the instances (resources as singletons). That was chosen over a Weld SE container because the
 *       graph is small and fixed, the container-only beans ({@code ManagerLifecycle}: JNDI data source,
 *       managed executor, MicroProfile Config) would need replacements anyway, and starting needs no bean
 *       discovery (the server is up in about 0.2 s once the manager is built). {@code ServedComponentsTest} fails when
 *       a shared class gains an injected dependency that the hand wiring leaves unset, or the WAR gains a
 *       resource, provider, servlet or filter that is not registered here.</li>
 *   <li><b>Manager</b>: the host builds it (or hands a {@code PipelineManagerBuilder} to the server) instead
 *       of {@code ManagerLifecycle}; the readiness check names its database {@code "embedded"} instead of a JNDI name.</li>
 *   <li><b>Health and metrics</b>: {@code /api/health} and {@code /api/metrics} are the WAR's (MicroProfile
 *       Health checks, answered through SmallRye Health's response builder; Micrometer's Prometheus registry).
 *       There is no management port: WildFly's {@code /health/*} on port 9990 has no equivalent here.</li>
 *   <li><b>OpenAPI</b>: {@code GET /openapi} serves the committed {@code openapi.json}, which the WildFly
 *       integration test keeps equal to what WildFly generates from the same classes' annotations (JSON
 *       for {@code ?format=json} or {@code Accept: application/json}, YAML otherwise, as on WildFly);
 *       {@code OpenApiRoutesTest} checks that it lists exactly the operations served here.</li>
 * </ul>
 *
 * <h2>Same tests</h2>
 * The WAR's REST tests are abstract classes in its test-jar ({@code io.pipelinemanager.war.it.rest});
 * WildFly's integration tests and this module's {@code Embedded*Test} classes extend them and only say
 * where the server is.
 */
package io.pipelinemanager.embedded.server;
