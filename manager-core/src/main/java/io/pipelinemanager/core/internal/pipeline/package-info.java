/**
 * Pipelines: CRUD restricted to fully stopped pipelines, and lifecycle requests (start, pause,
 * shutdown) that only record the desired status. The transition rules live on the status enums
 * in {@code core.api}; this package applies them in one place.
 */
package io.pipelinemanager.core.internal.pipeline;
