package io.pipelinemanager.core.internal.program;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramId;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramSpec;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.ProgramUpdate;
import io.pipelinemanager.core.api.TenantId;
import io.pipelinemanager.core.internal.store.QueuedProgram;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoreSession;
import io.pipelinemanager.core.internal.validation.SpecRules;
import io.pipelinemanager.core.internal.wakeup.Topic;
import io.pipelinemanager.core.internal.wakeup.Wakeups;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Program CRUD with its rules: validation, version bump on code edits, no delete while in use. */
public final class ProgramService {

    private final Store store;
    private final Supplier<Instant> now;
    private final Wakeups wakeups;

    public ProgramService(Store store, Supplier<Instant> now) {
        this(store, now, new Wakeups());
    }

    /** Program CRUD that announces programs waiting for compilation in {@code wakeups} once they are committed. */
    public ProgramService(Store store, Supplier<Instant> now, Wakeups wakeups) {
        this.store = store;
        this.now = now;
        this.wakeups = wakeups;
    }

    /** All programs of the tenant, by name. */
    public List<Program> list(TenantId tenant) {
        return store.read(s -> s.listPrograms(tenant));
    }

    /** The program with that id or name. */
    public Program get(TenantId tenant, String ref) {
        return store.read(s -> find(s, tenant, ref));
    }

    /**
     * Where the program waits for compilation: 1 when it is next (or being compiled), 0 when its
     * compilation has finished. Programs of all tenants share the queue, oldest status first.
     */
    public int queuePosition(TenantId tenant, String ref) {
        return store.read(s -> {
            Program program = find(s, tenant, ref);
            if (program.status().isFinal()) {
                return 0;
            }
            List<QueuedProgram> queue = s.compileQueue();
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).id().equals(program.id())) {
                    return i + 1;
                }
            }
            return queue.size() + 1;
        });
    }

    /** How many of the tenant's programs are in each compilation status (every status present). */
    public Map<ProgramStatus, Long> countByStatus(TenantId tenant) {
        return store.read(s -> s.countProgramsByStatus(tenant));
    }

    /** Creates a program at version 1, waiting to be compiled. */
    public Program create(TenantId tenant, ProgramSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = SpecRules.name(spec.name());
        String description = SpecRules.description(spec.description());
        String code = SpecRules.code(spec.code());
        Program created = store.write(s -> {
            s.requireTenant(tenant);
            SpecRules.uniqueName("Program", name, s.findProgram(tenant, name).isPresent());
            Instant at = now.get();
            Program program = new Program(ProgramId.random(), tenant, name, description, code, 1,
                    ProgramStatus.PENDING, at, List.of(), ProgramSchema.EMPTY, at, at);
            s.insertProgram(program);
            return program;
        });
        wakeups.changed(Topic.COMPILER);
        return created;
    }

    /** Applies a partial update; a code change bumps the version and resets compilation. */
    public Program update(TenantId tenant, String ref, ProgramUpdate update) {
        Objects.requireNonNull(update, "update");
        String name = update.name() == null ? null : SpecRules.name(update.name());
        String description = update.description() == null ? null : SpecRules.description(update.description());
        String code = update.code() == null ? null : SpecRules.code(update.code());
        Program result = store.write(s -> {
            Program current = find(s, tenant, ref);
            SpecRules.expectVersion("Program", current.name(), current.version(), update.expectedVersion());
            boolean codeChanged = code != null && !code.equals(current.code());
            String newName = name == null ? current.name() : name;
            String newDescription = description == null ? current.description() : description;
            if (!codeChanged && newName.equals(current.name()) && newDescription.equals(current.description())) {
                return current;
            }
            if (codeChanged && s.isProgramInActiveUse(tenant, current.id())) {
                throw new ManagerException(ErrorCode.UpdateRestrictedToStopped,
                        "The code of program '" + current.name() + "' cannot change while a pipeline using it is not stopped",
                        Map.of("program", current.name()));
            }
            if (!newName.equals(current.name())) {
                SpecRules.uniqueName("Program", newName, s.findProgram(tenant, newName).isPresent());
            }
            Instant at = now.get();
            Program updated = codeChanged
                    ? new Program(current.id(), tenant, newName, newDescription, code, current.version() + 1,
                            ProgramStatus.PENDING, at, List.of(), ProgramSchema.EMPTY, current.createdAt(), at)
                    : new Program(current.id(), tenant, newName, newDescription, current.code(), current.version(),
                            current.status(), current.statusSince(), current.diagnostics(), current.schema(),
                            current.createdAt(), at);
            s.saveProgram(updated);
            return updated;
        });
        if (result.status() == ProgramStatus.PENDING) {
            wakeups.changed(Topic.COMPILER);
        }
        return result;
    }

    /** Deletes a program no pipeline uses. */
    public void delete(TenantId tenant, String ref) {
        store.write(s -> {
            Program current = find(s, tenant, ref);
            if (s.isProgramUsed(tenant, current.id())) {
                throw new ManagerException(ErrorCode.ProgramInUse,
                        "Program '" + current.name() + "' is used by a pipeline; delete the pipeline first",
                        Map.of("program", current.name()));
            }
            s.deleteProgram(tenant, current.id());
            return null;
        });
    }

    /** The program with that id or name, or {@code UnknownProgram}. */
    public static Program find(StoreSession s, TenantId tenant, String ref) {
        return s.findProgram(tenant, ref).orElseThrow(() -> new ManagerException(ErrorCode.UnknownProgram,
                "No program '" + ref + "'", Map.of("program", String.valueOf(ref))));
    }

}
