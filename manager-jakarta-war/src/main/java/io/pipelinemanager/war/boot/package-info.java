/**
 * The facade's life in the container: one {@code PipelineManager}, built when the application starts
 * (CDI {@code Startup}, since WildFly's MicroProfile profile has no EJB) over the container's data
 * source found by JNDI, produced for injection and closed at shutdown. Who a request is (its
 * {@code Caller}) is decided by the {@code war.security} filters, not here.
 */
package io.pipelinemanager.war.boot;
