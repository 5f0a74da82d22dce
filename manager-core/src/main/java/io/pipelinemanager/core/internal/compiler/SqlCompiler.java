package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.internal.compiler.plan.SortTranslator;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compiles SQL programs into immutable circuit definitions. Results are cached by
 * {@link #contentHash(String)}; the compiler is thread-safe and never throws for a bad program:
 * every problem is a {@link Diagnostic} in the {@link CompilationResult}.
 */
public final class SqlCompiler {

    /** The compiler version; part of every content hash, bumped whenever generated circuits change. */
    public static final String VERSION = "pm-sql-compiler/2";

    /** Default number of results a compiler's cache keeps. */
    public static final int DEFAULT_CACHE_SIZE = 128;

    private final CompileCache cache;
    private final CompileLimits limits;

    /** A compiler with its own cache of {@link #DEFAULT_CACHE_SIZE} results and the default limits. */
    public SqlCompiler() {
        this(new CompileCache(DEFAULT_CACHE_SIZE));
    }

    /** A compiler using (possibly sharing) the given cache, with the default limits. */
    public SqlCompiler(CompileCache cache) {
        this(cache, CompileLimits.DEFAULT);
    }

    /** A compiler using (possibly sharing) the given cache, within the given limits. */
    public SqlCompiler(CompileCache cache, CompileLimits limits) {
        this.cache = cache;
        this.limits = limits;
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

    /** The cached result of compiling this text, if there is one (no compilation). */
    public Optional<CompilationResult> cached(String programSql) {
        return cache.peek(contentHash(programSql));
    }

    /**
     * Compiles a snapshot query: {@code sql}, one {@code SELECT}, over {@code readable} relations declared as
     * tables (a pipeline's tables and materialized views with their columns). This is the only way the data
     * plane turns SQL into a circuit.
     *
     * @throws CompileException with the first error (syntax, unknown names, unsupported constructs)
     */
    public static CompiledQuery compileQuery(List<ProgramSchema.Relation> readable, String sql) throws CompileException {
        AnalyzedProgram catalogProgram = ProgramAnalyzer.analyze(ddl(readable));
        if (catalogProgram.hasErrors()) {
            throw new IllegalStateException("cannot declare the queried relations: " + catalogProgram.diagnostics());
        }
        ProgramCatalog catalog = catalogProgram.catalog().copy();
        AnalyzedView view;
        try {
            view = ProgramAnalyzer.declareView(new SqlIdentifier(QUERY_VIEW, SqlParserPos.ZERO), null,
                    ProgramAnalyzer.parseQuery(sql), false, null, catalog);
        } catch (CompileException e) {
            throw new CompileException(PostgresSyntax.remap(e.diagnostic(), sql));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        CircuitDefinition definition = ProgramTranslator.build(catalog, List.of(view), true, diagnostics);
        if (definition == null) {
            throw new CompileException(PostgresSyntax.remap(diagnostics.get(0), sql));
        }
        List<Integer> visible = view.plan().visible();
        List<ProgramSchema.Column> all = view.entry().toRelation().columns();
        return new CompiledQuery(definition, QUERY_VIEW, SortTranslator.keys(view.plan().collation()), visible,
                visible.stream().map(all::get).toList());
    }

    /** The name of the view a compiled query's circuit outputs. */
    private static final String QUERY_VIEW = "pm_snapshot_query";

    private static String ddl(List<ProgramSchema.Relation> relations) {
        StringBuilder sql = new StringBuilder();
        for (ProgramSchema.Relation r : relations) {
            sql.append("CREATE TABLE ").append(quote(r.name())).append(" (")
                    .append(r.columns().stream()
                            .map(c -> quote(c.name()) + " " + c.sqlType() + (c.nullable() ? "" : " NOT NULL"))
                            .collect(Collectors.joining(", ")))
                    .append(");\n");
        }
        return sql.toString();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** This compiler's cache. */
    public CompileCache cache() {
        return cache;
    }

    /** This compiler's limits. */
    public CompileLimits limits() {
        return limits;
    }

    /**
     * Analyzes and translates statement by statement: each view is translated into the circuit as soon
     * as it is planned and its plan dropped, so memory grows with the circuit, not with Calcite's plans.
     */
    private CompilationResult compileUncached(String programSql, String hash) {
        try {
            ProgramTranslator.Incremental circuit = new ProgramTranslator.Incremental(false);
            List<Diagnostic> translation = new ArrayList<>();
            AnalyzedProgram analyzed = ProgramAnalyzer.analyze(programSql, limits, new ProgramAnalyzer.Listener() {
                @Override
                public void table(CatalogEntry table) {
                    circuit.table(table);
                }

                @Override
                public void view(AnalyzedView view) {
                    circuit.view(view, translation);
                }
            });
            List<Diagnostic> diagnostics = new ArrayList<>(analyzed.diagnostics());
            ProgramSchema schema = analyzed.schema();
            translation.replaceAll(d -> PostgresSyntax.remap(d, programSql));
            diagnostics.replaceAll(d -> PostgresSyntax.remap(d, programSql));
            if (analyzed.hasErrors()) {
                boolean internal = diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCodes.INTERNAL));
                return new CompilationResult(internal ? ProgramStatus.SYSTEM_ERROR : ProgramStatus.SQL_ERROR,
                        diagnostics, schema, null, hash);
            }
            diagnostics.addAll(translation);
            CircuitDefinition definition = circuit.build();
            if (definition == null) {
                return new CompilationResult(ProgramStatus.SQL_ERROR, diagnostics, schema, null, hash);
            }
            return new CompilationResult(ProgramStatus.SUCCESS, diagnostics, schema,
                    new CompiledProgram(definition, schema, hash), hash);
        } catch (StackOverflowError e) {
            return new CompilationResult(ProgramStatus.SQL_ERROR, List.of(CompileLimits.stackExhausted(null)),
                    ProgramSchema.EMPTY, null, hash);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            return new CompilationResult(ProgramStatus.SYSTEM_ERROR, List.of(Diagnostics.internal(e, null)),
                    ProgramSchema.EMPTY, null, hash);
        }
    }
}
