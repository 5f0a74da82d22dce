package io.pipelinemanager.core.api;

/**
 * Counters of one manager instance since it started: programs it compiled (stored results reused
 * from another instance or an earlier run are not compilations), compile-cache hits and misses,
 * the pipelines running in it and the egress change streams open in it (not yet closed by their readers).
 */
public record ManagerCounters(long compilations, long compileCacheHits, long compileCacheMisses, int localPipelines,
                              int egressSubscriptions) {
}
