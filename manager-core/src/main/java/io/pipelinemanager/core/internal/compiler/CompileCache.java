package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.ProgramStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bounded, thread-safe, least-recently-used cache of compilation results keyed by
 * {@link ProgramHash}. Compiling the same text twice with the same compiler version is free.
 */
public final class CompileCache {

    private final int capacity;
    private final Map<String, CompilationResult> entries;
    private long hits;
    private long misses;

    /** A cache holding at most {@code capacity} results. */
    public CompileCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompilationResult> eldest) {
                return size() > CompileCache.this.capacity;
            }
        };
    }

    /**
     * The cached result for {@code hash}, computing (outside the lock) and storing it on a miss; when two
     * threads miss at once, both get the result stored first. SYSTEM_ERROR results and compilations that ran out of time are not cached.
     */
    public CompilationResult get(String hash, Supplier<CompilationResult> compile) {
        synchronized (this) {
            CompilationResult cached = entries.get(hash);
            if (cached != null) {
                hits++;
                return cached;
            }
            misses++;
        }
        CompilationResult result = compile.get();
        if (result.status() == ProgramStatus.SYSTEM_ERROR || timedOut(result)) {
            return result;
        }
        synchronized (this) {
            CompilationResult raced = entries.putIfAbsent(hash, result);
            return raced != null ? raced : result;
        }
    }

    /** The cached result for {@code hash}, if any, without compiling (counted as a hit when present). */
    public synchronized Optional<CompilationResult> peek(String hash) {
        CompilationResult cached = entries.get(hash);
        if (cached != null) {
            hits++;
        }
        return Optional.ofNullable(cached);
    }

    /** A compilation cut short by its time budget may succeed another time: not a result to keep. */
    private static boolean timedOut(CompilationResult result) {
        return result.diagnostics().stream().anyMatch(d -> d.code().equals(DiagnosticCodes.COMPILE_TIMEOUT));
    }

    /** Number of lookups answered from the cache. */
    public synchronized long hits() {
        return hits;
    }

    /** Number of lookups that had to compile. */
    public synchronized long misses() {
        return misses;
    }

    /** Number of results currently cached. */
    public synchronized int size() {
        return entries.size();
    }
}
