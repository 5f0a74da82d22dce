/**
 * The JAX-RS resources of {@code /api}: programs, pipelines and their lifecycle requests, health and
 * metrics. Each method binds the request, calls the facade for the caller's tenant and maps the result
 * to a DTO; rules, transactions and SQL stay in the core. Ingress, egress, query, stats and validate
 * join here when the runner and compiler exist.
 */
package io.pipelinemanager.war.rest;
