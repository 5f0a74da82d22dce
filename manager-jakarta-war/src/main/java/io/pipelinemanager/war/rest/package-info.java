/**
 * The JAX-RS resources of {@code /api}: programs (and validation), pipelines with their lifecycle
 * requests and data plane (ingress, NDJSON egress, snapshot queries, statistics), health and metrics.
 * Each method binds the request, calls the facade for the caller's tenant and maps the result to a
 * DTO; rules, transactions and SQL stay in the core.
 */
package io.pipelinemanager.war.rest;
