/**
 * The JSON shapes of the REST API: request and response records in snake_case, each with a static
 * mapping from or to the core's {@code api} records. They hold no rules: a missing field becomes a
 * null the facade judges, and every refusal comes from the core.
 */
package io.pipelinemanager.war.dto;
