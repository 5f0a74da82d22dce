/**
 * Health of a manager instance for readiness probes: a real database round trip and the progress
 * of the background loops. Adapters translate the result; they never query the database themselves.
 */
package io.pipelinemanager.core.internal.health;
