/**
 * The facade's life in the container: one {@code PipelineManager}, built when the application starts
 * (CDI {@code Startup}, since WildFly's MicroProfile profile has no EJB) over the container's data
 * source found by JNDI, produced for injection and closed at shutdown. The tenant of a request is
 * decided here too, in one place, so authentication can replace the default later.
 */
package io.pipelinemanager.war.boot;
