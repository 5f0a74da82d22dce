package io.pipelinemanager.core.internal.program;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.SourceRange;
import io.pipelinemanager.core.internal.compiler.CompilationResult;
import io.pipelinemanager.core.internal.compiler.DiagnosticCodes;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Where every compilation of the manager runs — client validations, the background compiler and the
 * reconciler's pipeline starts: a fixed number of threads ({@code pm.compiler.threads}), each with a
 * {@value #STACK_MIB} MiB stack so that deeply nested programs compile instead of overflowing a request
 * thread's stack. Compilations beyond the threads wait in a queue; client validations may take at most
 * {@code pm.compiler.queue-size} places in it and are refused beyond that with {@code 429 BackPressure},
 * while background work waits its turn. A compilation that outlives its time budget (the compiler's own
 * cooperative check, see {@link io.pipelinemanager.core.internal.compiler.CompileLimits}) by
 * {@link #GRACE} more is interrupted and answered with a {@code CompileTimeout} error. Any throwable of a
 * compilation becomes a result; an {@link OutOfMemoryError} also goes to the pool's {@link OutOfMemoryHandler}
 * (the manager's out-of-memory policy).
 */
public final class CompilePool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompilePool.class);

    /** Stack size of a compiler thread, in MiB. */
    public static final int STACK_MIB = 64;

    /** How long past its budget a compilation may run before it is interrupted. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private final SqlCompiler compiler;
    private final Function<String, CompilationResult> compilation;
    private final int threads;
    private final int queueSize;
    private final ExecutorService pool;
    private final Semaphore requestSlots;
    private final OutOfMemoryHandler outOfMemory;

    /** A pool of {@code threads} compiler threads; client validations may queue {@code queueSize} deep. */
    public CompilePool(SqlCompiler compiler, int threads, int queueSize, OutOfMemoryHandler outOfMemory) {
        this(compiler, compiler::compile, threads, queueSize, outOfMemory);
    }

    /**
     * A pool of one thread for tools and tests: no queue for client validations, and running out of
     * memory only makes that compilation a SYSTEM_ERROR result (no policy acts on it).
     */
    public CompilePool(SqlCompiler compiler) {
        this(compiler, 1, 0, (where, error) -> {
        });
    }

    /** Like the public constructor, with the compilation itself replaced (tests). */
    CompilePool(SqlCompiler compiler, Function<String, CompilationResult> compilation, int threads, int queueSize,
                OutOfMemoryHandler outOfMemory) {
        if (threads < 1 || queueSize < 0) {
            throw new ManagerException(ErrorCode.InvalidConfig,
                    "pm.compiler.threads must be at least 1 and pm.compiler.queue-size at least 0",
                    Map.of("threads", threads, "queue_size", queueSize));
        }
        this.compiler = compiler;
        this.compilation = compilation;
        this.threads = threads;
        this.queueSize = queueSize;
        this.outOfMemory = outOfMemory;
        this.requestSlots = new Semaphore(threads + queueSize);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(null, r, "pm-compiler-" + n.incrementAndGet(), (long) STACK_MIB << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /** The compiler the pool runs (its cache and limits). */
    public SqlCompiler compiler() {
        return compiler;
    }

    /**
     * Compiles for a client request and waits for the result; refused with {@code BackPressure} when
     * every thread and queue place for requests is taken.
     */
    public CompilationResult validate(String code) {
        if (!requestSlots.tryAcquire()) {
            throw new ManagerException(ErrorCode.BackPressure, "The compiler is busy with " + (threads + queueSize)
                    + " compilations; retry later", Map.of("compiler_threads", threads, "queue_size", queueSize));
        }
        try {
            return await(submit(code));
        } finally {
            requestSlots.release();
        }
    }

    /**
     * Compiles for background work and waits for the result, however long the queue.
     *
     * @throws CancellationException when the waiting thread is interrupted (the compilation is cancelled)
     */
    public CompilationResult compile(String code) {
        return await(submit(code));
    }

    /**
     * Starts a compilation without waiting; a result in the compiler's cache is answered at once,
     * without queueing behind other compilations. The future never fails: every error is a result.
     * Cancel it (with interruption) to stop the compilation at its next check.
     */
    public CompletableFuture<CompilationResult> submit(String code) {
        Optional<CompilationResult> cached = compiler.cached(code);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<CompilationResult> result = new CompletableFuture<>();
        Future<?> task = pool.submit(() -> result.complete(run(code)));
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                task.cancel(true);
            }
        });
        return result;
    }

    /** One compilation on a compiler thread; every throwable becomes a result. */
    private CompilationResult run(String code) {
        try {
            return compilation.apply(code);
        } catch (OutOfMemoryError e) {
            outOfMemory.outOfMemory("a compilation", e);
            return failed(code, ProgramStatus.SYSTEM_ERROR, DiagnosticCodes.OUT_OF_MEMORY,
                    "the compiler ran out of memory on this program; make it smaller (fewer or simpler views)");
        } catch (Throwable e) {
            LOG.error("The compiler failed on a program", e);
            return failed(code, ProgramStatus.SYSTEM_ERROR, DiagnosticCodes.INTERNAL,
                    "The compiler failed unexpectedly; the error is in the manager's log");
        }
    }

    private CompilationResult await(Future<CompilationResult> future) {
        Duration wait = compiler.limits().timeout().plus(GRACE);
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(null, ProgramStatus.SQL_ERROR, DiagnosticCodes.COMPILE_TIMEOUT,
                    "the compilation took longer than its time budget of " + compiler.limits().timeout().toMillis()
                            + " ms (pm.compiler.timeout-ms) and was cancelled; split the program or raise the budget");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a compilation");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a compilation failed", e.getCause());
        }
    }

    private static CompilationResult failed(String code, ProgramStatus status, String diagnosticCode, String message) {
        return new CompilationResult(status, List.of(Diagnostic.error(diagnosticCode, message, SourceRange.UNKNOWN)),
                ProgramSchema.EMPTY, null, code == null ? null : SqlCompiler.contentHash(code));
    }

    /** Stops the threads; compilations in progress are interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Told when a compilation ran out of memory (the manager's out-of-memory policy). */
    @FunctionalInterface
    public interface OutOfMemoryHandler {
        /** Reacts to {@code error} caught in {@code where}; never throws. */
        void outOfMemory(String where, OutOfMemoryError error);
    }
}
