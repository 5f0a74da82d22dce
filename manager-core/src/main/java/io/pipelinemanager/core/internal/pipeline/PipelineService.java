package io.pipelinemanager.core.internal.pipeline;

import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Pipeline;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineId;
import io.pipelinemanager.core.api.PipelineSpec;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.PipelineUpdate;
import io.pipelinemanager.core.api.ProgramId;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.checkpoint.CheckpointStore;
import io.pipelinemanager.core.internal.program.ProgramService;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoreSession;
import io.pipelinemanager.core.internal.validation.SpecRules;
import io.pipelinemanager.core.internal.wakeup.Topic;
import io.pipelinemanager.core.internal.wakeup.Wakeups;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Pipeline CRUD and the client side of the lifecycle: edits and deletes only when fully stopped,
 * start/pause/shutdown record the desired status (the reconciler drives the actual one).
 */
public final class PipelineService {

    private final Store store;
    private final Supplier<Instant> now;
    private final int maxPipelines;

    private final CheckpointStore states;
    private final Wakeups wakeups;

    /** {@code maxPipelines}: a start is refused ({@code CapacityExceeded}) once that many pipelines are active. */
    public PipelineService(Store store, Supplier<Instant> now, int maxPipelines) {
        this(store, now, maxPipelines, null);
    }

    /**
     * Like {@link #PipelineService(Store, Supplier, int)}, with the store of the pipelines' checkpoints and input
     * journals ({@code null}: none), which {@link #delete} and {@link #clearState} empty.
     */
    public PipelineService(Store store, Supplier<Instant> now, int maxPipelines, CheckpointStore states) {
        this(store, now, maxPipelines, states, new Wakeups());
    }

    /**
     * Like {@link #PipelineService(Store, Supplier, int, CheckpointStore)}; lifecycle requests are announced in
     * {@code wakeups} once committed, so the reconciler of whichever instance runs the pipeline acts at once.
     */
    public PipelineService(Store store, Supplier<Instant> now, int maxPipelines, CheckpointStore states,
                           Wakeups wakeups) {
        this.wakeups = wakeups;
        this.store = store;
        this.now = now;
        this.maxPipelines = maxPipelines;
        this.states = states;
    }

    /** All pipelines of the tenant, by name. */
    public List<Pipeline> list(TenantId tenant) {
        return store.read(s -> s.listPipelines(tenant));
    }

    /** How many of the tenant's pipelines are in each actual status (every status present). */
    public Map<PipelineStatus, Long> countByStatus(TenantId tenant) {
        return store.read(s -> s.countPipelinesByStatus(tenant));
    }

    /** The pipeline with that id or name. */
    public Pipeline get(TenantId tenant, String ref) {
        return store.read(s -> find(s, tenant, ref));
    }

    /** Creates a stopped pipeline for an existing program. */
    public Pipeline create(TenantId tenant, PipelineSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = SpecRules.name(spec.name());
        String description = SpecRules.description(spec.description());
        String programRef = SpecRules.programRef(spec.program());
        PipelineConfig config = SpecRules.config(spec.config());
        return store.write(s -> {
            s.requireTenant(tenant);
            SpecRules.uniqueName("Pipeline", name, s.findPipeline(tenant, name).isPresent());
            ProgramId program = ProgramService.find(s, tenant, programRef).id();
            Instant at = now.get();
            Pipeline pipeline = new Pipeline(PipelineId.random(), tenant, name, description, program, null, config,
                    DesiredStatus.STOPPED, PipelineStatus.STOPPED, at, null, 1, at, at, null);
            s.insertPipeline(pipeline);
            return pipeline;
        });
    }

    /** Applies a partial update to a fully stopped pipeline; any change bumps its version. */
    public Pipeline update(TenantId tenant, String ref, PipelineUpdate update) {
        Objects.requireNonNull(update, "update");
        String name = update.name() == null ? null : SpecRules.name(update.name());
        String description = update.description() == null ? null : SpecRules.description(update.description());
        PipelineConfig config = update.config() == null ? null : SpecRules.config(update.config());
        String programRef = update.program() == null ? null : SpecRules.programRef(update.program());
        return store.write(s -> {
            Pipeline current = find(s, tenant, ref);
            SpecRules.expectVersion("Pipeline", current.name(), current.version(), update.expectedVersion());
            if (update.isEmpty()) {
                return current;
            }
            requireFullyStopped(current, "edited");
            if (name != null && !name.equals(current.name())) {
                SpecRules.uniqueName("Pipeline", name, s.findPipeline(tenant, name).isPresent());
            }
            ProgramId program = programRef == null
                    ? current.programId() : ProgramService.find(s, tenant, programRef).id();
            Pipeline updated = new Pipeline(current.id(), tenant,
                    name == null ? current.name() : name,
                    description == null ? current.description() : description,
                    program, current.programVersion(),
                    config == null ? current.config() : config,
                    current.desiredStatus(), current.status(), current.statusSince(), current.error(),
                    current.version() + 1, current.createdAt(), now.get(), current.stateSince());
            s.savePipeline(updated);
            return updated;
        });
    }

    /** Deletes a fully stopped pipeline and its stored state (checkpoints and input journal). */
    public void delete(TenantId tenant, String ref) {
        store.write(s -> {
            Pipeline current = find(s, tenant, ref);
            requireFullyStopped(current, "deleted");
            dropState(current);
            s.deletePipeline(tenant, current.id());
            return null;
        });
    }

    /**
     * Drops the stored state of a fully stopped pipeline (its checkpoints and input journal), on purpose: its next
     * start begins with empty tables at step 0. {@code UpdateRestrictedToStopped} unless it is stopped; nothing to
     * drop is no error. Returns the pipeline.
     */
    public Pipeline clearState(TenantId tenant, String ref) {
        return store.read(s -> {
            Pipeline current = find(s, tenant, ref);
            requireFullyStopped(current, "cleared");
            dropState(current);
            return current;
        });
    }

    private void dropState(Pipeline pipeline) {
        if (states == null) {
            return;
        }
        try {
            states.clear(pipeline.id());
        } catch (IOException e) {
            throw new ManagerException(ErrorCode.StorageUnavailable, "The stored state of pipeline '" + pipeline.name()
                    + "' could not be dropped (" + states.kind() + " store): " + e.getMessage() + "; retry",
                    Map.of("pipeline", pipeline.name(), "store", states.kind()));
        }
    }

    /** Records what the client wants the pipeline to be; returns at once. */
    public Pipeline request(TenantId tenant, String ref, DesiredStatus desired) {
        Pipeline requested = store.write(s -> {
            Pipeline current = find(s, tenant, ref);
            if (!desired.acceptsRequest(current.status(), current.desiredStatus())) {
                throw new ManagerException(ErrorCode.IllegalTransition,
                        "Pipeline '" + current.name() + "' cannot be asked to be " + desired + " while it is "
                                + current.status() + (current.status() == PipelineStatus.FAILED
                                ? "; shut it down first" : " (desired " + current.desiredStatus() + ")"),
                        Map.of("status", current.status().name(), "desired_status", current.desiredStatus().name(),
                                "requested", desired.name()));
            }
            if (current.desiredStatus() == desired) {
                return current;
            }
            if (current.desiredStatus() == DesiredStatus.STOPPED && current.status() == PipelineStatus.STOPPED) {
                requireCapacity(s, current);
            }
            Pipeline updated = new Pipeline(current.id(), tenant, current.name(), current.description(),
                    current.programId(), current.programVersion(), current.config(), desired, current.status(),
                    current.statusSince(), current.error(), current.version(), current.createdAt(), now.get(),
                    current.stateSince());
            s.savePipeline(updated);
            return updated;
        });
        wakeups.changed(Topic.RECONCILER);
        return requested;
    }

    /** {@code CapacityExceeded} when starting {@code starting} would make more than {@code maxPipelines} active. */
    private void requireCapacity(StoreSession s, Pipeline starting) {
        long active = s.activePipelines().stream().filter(p -> !p.id().equals(starting.id())).count();
        if (active >= maxPipelines) {
            throw new ManagerException(ErrorCode.CapacityExceeded, "Pipeline '" + starting.name()
                    + "' cannot start: " + active + " pipelines are already active and this manager runs at most "
                    + maxPipelines + " (pm.runner.max-pipelines); shut one down first",
                    Map.of("active_pipelines", active, "max_pipelines", maxPipelines));
        }
    }

    /** The pipeline with that id or name, or {@code UnknownPipeline}. */
    public static Pipeline find(StoreSession s, TenantId tenant, String ref) {
        return s.findPipeline(tenant, ref).orElseThrow(() -> new ManagerException(ErrorCode.UnknownPipeline,
                "No pipeline '" + ref + "'", Map.of("pipeline", String.valueOf(ref))));
    }

    private static void requireFullyStopped(Pipeline pipeline, String action) {
        if (!pipeline.isFullyStopped()) {
            throw new ManagerException(ErrorCode.UpdateRestrictedToStopped,
                    "Pipeline '" + pipeline.name() + "' can only be " + action + " when stopped; it is "
                            + pipeline.status() + " (desired " + pipeline.desiredStatus() + ")",
                    Map.of("status", pipeline.status().name(), "desired_status", pipeline.desiredStatus().name()));
        }
    }
}
