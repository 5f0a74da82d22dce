/**
 * The manager's entry point: {@link io.pipelinemanager.core.PipelineManager}, built with
 * {@link io.pipelinemanager.core.PipelineManager#builder()}. Adapters (embedded, WAR) use only this
 * facade and the records of {@code core.api}; everything under {@code core.internal} may change.
 */
package io.pipelinemanager.core;
