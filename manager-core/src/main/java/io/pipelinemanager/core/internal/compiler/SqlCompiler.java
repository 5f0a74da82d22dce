package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.compiler.plan.ProgramTranslator;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles SQL programs into immutable circuit definitions. Results are cached by
 * {@link #contentHash(String)}; the compiler is thread-safe and never throws for a bad program:
 * every problem is a {@link Diagnostic} in the {@link CompilationResult}.
 */
public final class SqlCompiler {

    /** The compiler version; part of every content hash, bumped whenever generated circuits change. */
    public static final String VERSION = "pm-sql-compiler/1";

    /** Default number of results a compiler's cache keeps. */
    public static final int DEFAULT_CACHE_SIZE = 128;

    private final CompileCache cache;

    /** A compiler with its own cache of {@link #DEFAULT_CACHE_SIZE} results. */
    public SqlCompiler() {
        this(new CompileCache(DEFAULT_CACHE_SIZE));
    }

    /** A compiler using (possibly sharing) the given cache. */
    public SqlCompiler(CompileCache cache) {
        this.cache = cache;
    }

    /** The key under which a program's compilation result is cached and its artifact stored. */
    public static String contentHash(String programSql) {
        return ProgramHash.of(programSql, VERSION);
    }

    /** Compiles a program, answering from the cache when the same text was compiled before. */
    public CompilationResult compile(String programSql) {
        String hash = contentHash(programSql);
        return cache.get(hash, () -> compileUncached(programSql, hash));
    }

    /** This compiler's cache. */
    public CompileCache cache() {
        return cache;
    }

    private static CompilationResult compileUncached(String programSql, String hash) {
        try {
            AnalyzedProgram analyzed = ProgramAnalyzer.analyze(programSql);
            List<Diagnostic> diagnostics = new ArrayList<>(analyzed.diagnostics());
            ProgramSchema schema = analyzed.schema();
            if (analyzed.hasErrors()) {
                boolean internal = diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCodes.INTERNAL));
                return new CompilationResult(internal ? ProgramStatus.SYSTEM_ERROR : ProgramStatus.SQL_ERROR,
                        diagnostics, schema, null, hash);
            }
            ProgramTranslator.Result translated = ProgramTranslator.translate(analyzed, hash);
            diagnostics.addAll(translated.diagnostics());
            if (translated.program() == null) {
                return new CompilationResult(ProgramStatus.SQL_ERROR, diagnostics, schema, null, hash);
            }
            return new CompilationResult(ProgramStatus.SUCCESS, diagnostics, schema, translated.program(), hash);
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            return new CompilationResult(ProgramStatus.SYSTEM_ERROR, List.of(Diagnostics.internal(e, null)),
                    ProgramSchema.EMPTY, null, hash);
        }
    }
}
