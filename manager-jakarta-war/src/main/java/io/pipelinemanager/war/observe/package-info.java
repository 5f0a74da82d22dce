/**
 * Operations: MicroProfile Health checks (liveness; readiness = the manager started and its database
 * answers a query) and metrics in Prometheus text form through Micrometer's Prometheus registry:
 * API requests by route and status, errors by code, programs and pipelines by status, JVM metrics.
 */
package io.pipelinemanager.war.observe;
