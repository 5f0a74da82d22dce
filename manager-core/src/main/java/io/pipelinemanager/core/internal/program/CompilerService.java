package io.pipelinemanager.core.internal.program;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.Program;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.lease.Leases;
import io.pipelinemanager.core.internal.store.CompiledArtifact;
import io.pipelinemanager.core.internal.store.Lease;
import io.pipelinemanager.core.internal.store.QueuedProgram;
import io.pipelinemanager.core.internal.store.Store;
import io.pipelinemanager.core.internal.store.StoreSession;
import io.pipelinemanager.core.internal.wakeup.Topic;
import io.pipelinemanager.core.internal.wakeup.Wakeups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The background compiler: takes programs waiting for compilation, oldest first, claims each
 * under a lease, marks it {@code COMPILING}, compiles it and stores the result — but only if the
 * program is still at the compiled version; a result for an outdated version is discarded and the
 * newer version is compiled in a later pass. Its writes touch only the compilation columns
 * (status, diagnostics, schema), so a concurrent edit of the name or description is never undone. Code whose content hash has a stored artifact is
 * marked compiled without compiling it again.
 */
public final class CompilerService {

    private static final Logger LOG = LoggerFactory.getLogger(CompilerService.class);

    private final Store store;
    private final Leases leases;
    private final CompilePool pool;
    private final Supplier<Instant> now;
    private final AtomicLong compilations = new AtomicLong();
    private final Wakeups wakeups;

    public CompilerService(Store store, Leases leases, CompilePool pool, Supplier<Instant> now) {
        this(store, leases, pool, now, new Wakeups());
    }

    /**
     * A compiler that announces each stored result in {@code wakeups} (a pipeline may wait for it to start, in
     * this instance or another).
     */
    public CompilerService(Store store, Leases leases, CompilePool pool, Supplier<Instant> now, Wakeups wakeups) {
        this.wakeups = wakeups;
        this.store = store;
        this.leases = leases;
        this.pool = pool;
        this.now = now;
    }

    /** One pass over every waiting program; returns how many results were stored. */
    public int runOnce() {
        int stored = 0;
        for (QueuedProgram waiting : store.read(s -> s.compileQueue())) {
            if (!leases.claim(Lease.COMPILE, waiting.id().value())) {
                continue;
            }
            try {
                if (compile(waiting)) {
                    stored++;
                    wakeups.changed(Topic.RECONCILER);
                }
            } finally {
                leases.release(Lease.COMPILE, waiting.id().value());
            }
        }
        return stored;
    }

    /** How many programs this instance actually compiled (artifact hits excluded). */
    public long compilations() {
        return compilations.get();
    }

    /** Compile-cache hits of this instance's compiler (background compilations, validations and pipeline starts). */
    public long cacheHits() {
        return pool.compiler().cache().hits();
    }

    /** Compile-cache misses: programs this instance's compiler actually translated. */
    public long cacheMisses() {
        return pool.compiler().cache().misses();
    }

    /**
     * Compiles without storing anything, on the compile pool.
     *
     * @throws io.pipelinemanager.core.api.ManagerException {@code BackPressure} when the pool is full
     */
    public CompilationResult validate(String code) {
        return pool.validate(code);
    }

    private boolean compile(QueuedProgram waiting) {
        Program claimed = store.write(s -> {
            Program current = ProgramService.find(s, waiting.tenant(), waiting.id().toString());
            if (current.version() != waiting.version() || current.status().isFinal()) {
                return null;
            }
            if (current.status() == ProgramStatus.PENDING) {
                current = withResult(current, ProgramStatus.COMPILING, List.of(), ProgramSchema.EMPTY);
                if (!storeResult(s, current, ProgramStatus.PENDING)) {
                    return null;
                }
            }
            return current;
        });
        if (claimed == null) {
            return false;
        }
        String hash = SqlCompiler.contentHash(claimed.code());
        Program compiled = store.read(s -> s.findArtifact(hash))
                .map(a -> withResult(claimed, ProgramStatus.SUCCESS, a.warnings(), a.schema()))
                .orElseGet(() -> {
                    compilations.incrementAndGet();
                    CompilationResult result = pool.compile(claimed.code());
                    return withResult(claimed, result.status(), result.diagnostics(), result.schema());
                });
        return store.write(s -> {
            if (!storeResult(s, compiled, ProgramStatus.COMPILING)) {
                s.findProgram(claimed.tenant(), claimed.id().toString()).ifPresent(current -> LOG.info(
                        "Discarding compilation of program {} version {}: it is now at version {} ({})",
                        current.name(), claimed.version(), current.version(), current.status()));
                return false;
            }
            if (compiled.status() == ProgramStatus.SUCCESS) {
                s.saveArtifactIfAbsent(new CompiledArtifact(hash, SqlCompiler.VERSION, compiled.schema(),
                        compiled.diagnostics(), compiled.statusSince()));
            }
            return true;
        });
    }

    /**
     * Writes only the compilation outcome of {@code result} (never the client's name, description or
     * code, which may have changed meanwhile), if the program is still at its version and in status {@code from}.
     */
    private static boolean storeResult(StoreSession s, Program result, ProgramStatus from) {
        return s.updateProgramStatus(result.id(), result.version(), Set.of(from), result.status(), result.statusSince(),
                result.diagnostics(), result.schema());
    }

    private Program withResult(Program p, ProgramStatus status, List<Diagnostic> diagnostics, ProgramSchema schema) {
        return new Program(p.id(), p.tenant(), p.name(), p.description(), p.code(), p.version(), status, now.get(),
                diagnostics, schema, p.createdAt(), p.updatedAt());
    }
}
