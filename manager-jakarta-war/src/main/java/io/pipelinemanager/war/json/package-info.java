/**
 * JSON binding of the REST API with the Jackson bundled in the WAR. The WAR registers its own
 * reader and writer so that WildFly and Open Liberty bind identically (snake_case field names,
 * ISO-8601 instants, unknown fields refused) whatever JSON provider the server would pick, and so
 * that malformed bodies surface as {@code InvalidRequest} errors.
 */
package io.pipelinemanager.war.json;
