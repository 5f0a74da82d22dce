package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.PipelineError;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.TenantId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The pipelines running in this manager instance, by id. Thread-safe. */
public final class Runners {

    private final Map<PipelineId, PipelineRunner> runners = new ConcurrentHashMap<>();

    /** The local runner of a pipeline. */
    public Optional<PipelineRunner> get(PipelineId id) {
        return Optional.ofNullable(runners.get(id));
    }

    /** The local runner of the tenant's pipeline with that UUID or name (no database access). */
    public Optional<PipelineRunner> find(TenantId tenant, String ref) {
        return runners.values().stream().filter(r -> r.answersTo(tenant, ref)).findFirst();
    }

    /** How many runners this instance holds. */
    int size() {
        return runners.size();
    }

    void put(PipelineId id, PipelineRunner runner) {
        PipelineRunner previous = runners.put(id, runner);
        if (previous != null) {
            previous.abandon();
        }
    }

    /** Stops and forgets the local runner of a pipeline, if any. */
    void stop(PipelineId id) {
        PipelineRunner runner = runners.remove(id);
        if (runner != null) {
            runner.stop();
        }
    }

    /** Stops and forgets the local runner of a pipeline because the manager shuts down (see {@link PipelineRunner#shutdown}). */
    void shutdown(PipelineId id) {
        PipelineRunner runner = runners.remove(id);
        if (runner != null) {
            runner.shutdown();
        }
    }

    /**
     * Stops every local runner whose pipeline is not in {@code keep} (no longer this instance's), without a
     * checkpoint: its stored state belongs to the pipeline's next owner.
     */
    void retainOnly(Set<UUID> keep) {
        runners.keySet().stream().filter(id -> !keep.contains(id.value())).toList().forEach(this::abandon);
    }

    /** Stops and forgets the local runner of a pipeline without writing a checkpoint (see {@link PipelineRunner#abandon}). */
    void abandon(PipelineId id) {
        PipelineRunner runner = runners.remove(id);
        if (runner != null) {
            runner.abandon();
        }
    }

    /** Stops every local runner because the manager shuts down. */
    public void stopAll() {
        List.copyOf(runners.keySet()).forEach(this::shutdown);
    }

    /** Fails every local runner with {@code error} (see {@link PipelineRunner#abort}); returns how many. */
    int failAll(PipelineError error) {
        List<PipelineRunner> all = List.copyOf(runners.values());
        all.forEach(runner -> runner.abort(error));
        return all.size();
    }

    List<PipelineId> ids() {
        return List.copyOf(runners.keySet());
    }
}
