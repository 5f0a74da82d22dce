package io.pipelinemanager.war.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method anyone may call without credentials (health checks for load balancers): the
 * {@link AuthenticationFilter} lets it through unauthenticated, and OpenAPI documents no security for it.
 * Such a method must not call the facade on a caller's behalf.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicOperation {
}
