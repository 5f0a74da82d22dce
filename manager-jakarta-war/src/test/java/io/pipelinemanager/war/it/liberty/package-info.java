/**
 * Smoke test of the Liberty variant of the WAR (it bundles Hibernate, as Liberty's JPA is EclipseLink)
 * on a managed Open Liberty 26 with an H2 data source: the shared REST and data-plane suites (as on WildFly and
 * the embedded server) and a JWT smoke test — the same REST API answers the same way.
 */
package io.pipelinemanager.war.it.liberty;
