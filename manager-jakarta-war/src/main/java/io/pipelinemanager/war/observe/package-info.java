/**
 * Operations: MicroProfile Health checks (liveness; readiness = the manager's own health: its database
 * answers and its background loops run) and metrics in Prometheus text form through Micrometer's
 * Prometheus registry: API requests by route and status, errors by code, programs and pipelines by
 * status, the manager's counters, per-pipeline statistics, JVM metrics.
 */
package io.pipelinemanager.war.observe;
