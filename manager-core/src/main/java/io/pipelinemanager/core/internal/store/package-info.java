/**
 * The manager's persistence boundary: a transactional {@link io.pipelinemanager.core.internal.store.Store}
 * whose sessions speak only {@code core.api} records. Implementations translate their own
 * exceptions into {@link io.pipelinemanager.core.api.ManagerException}s at this edge.
 */
package io.pipelinemanager.core.internal.store;
