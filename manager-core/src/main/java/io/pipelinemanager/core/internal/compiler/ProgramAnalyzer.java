package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlCreateMaterializedView;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlCreateView;

/**
 * The compiler front end: walks a program's statements in order, declaring tables and planning
 * views against the relations declared before them. Each statement is checked on its own, so one
 * program can report several errors.
 */
public final class ProgramAnalyzer {

    private ProgramAnalyzer() {
    }

    /** Receives each declaration of a program as soon as it is analyzed, in program order. */
    public interface Listener {
        /** A declared input table. */
        void table(CatalogEntry table);

        /** A declared and planned view. */
        void view(AnalyzedView view);
    }

    /** Analyzes a whole program text without limits, keeping every view's plan. */
    public static AnalyzedProgram analyze(String programSql) {
        List<AnalyzedView> views = new ArrayList<>();
        AnalyzedProgram analyzed = analyze(programSql, null, new Listener() {
            @Override
            public void table(CatalogEntry table) {
            }

            @Override
            public void view(AnalyzedView view) {
                views.add(view);
            }
        });
        return new AnalyzedProgram(analyzed.catalog(), views, analyzed.diagnostics());
    }

    /**
     * Analyzes a whole program text within {@code limits} (null: none), handing each declaration to
     * {@code listener} and keeping no plan: the result's {@code views} is empty, its catalog and
     * schema are complete. A statement that is too deep (beyond the limit, or for the stack) is an
     * error at that statement; running out of time ends the analysis with an error at the statement
     * it reached.
     */
    public static AnalyzedProgram analyze(String programSql, CompileLimits limits, Listener listener) {
        ParsedProgram parsed;
        try {
            parsed = ProgramParser.parse(programSql);
        } catch (CompileException e) {
            return new AnalyzedProgram(new ProgramCatalog(), List.of(), List.of(e.diagnostic()));
        } catch (StackOverflowError e) {
            return new AnalyzedProgram(new ProgramCatalog(), List.of(),
                    List.of(CompileLimits.stackExhausted(null)));
        }
        ProgramCatalog catalog = new ProgramCatalog();
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.warnings());
        List<SqlNode> statements = parsed.statements();
        if (limits != null && statements.size() > limits.maxStatements()) {
            diagnostics.add(limits.tooManyStatements(statements.size(), statements.get(limits.maxStatements())));
            return new AnalyzedProgram(catalog, List.of(), diagnostics);
        }
        CompileLimits.Budget budget = limits == null ? null : limits.start();
        for (SqlNode statement : statements) {
            try {
                if (budget != null) {
                    budget.check(statement);
                    StatementShape shape = StatementShape.of(statement);
                    if (shape.depth() > limits.maxNesting()) {
                        diagnostics.add(limits.tooDeep(shape.depth(), positioned(shape.deepest(), statement)));
                        continue;
                    }
                }
                AnalyzedView view = declare(statement, catalog, parsed.columnKeys(statement), parsed.lateness(statement),
                        parsed.options(statement));
                if (view != null) {
                    listener.view(view);
                } else if (statement instanceof SqlCreateTable create) {
                    listener.table(catalog.find(create.name.getSimple()).orElseThrow());
                }
            } catch (CompileException e) {
                diagnostics.add(e.diagnostic());
                if (e.diagnostic().code().equals(DiagnosticCodes.COMPILE_TIMEOUT)) {
                    break;
                }
            } catch (StackOverflowError e) {
                diagnostics.add(CompileLimits.stackExhausted(statement));
            } catch (RuntimeException | AssertionError e) {
                diagnostics.add(Diagnostics.internal(e, statement));
            }
        }
        return new AnalyzedProgram(catalog, List.of(), diagnostics);
    }

    private static SqlNode positioned(SqlNode node, SqlNode fallback) {
        return node.getParserPosition().getLineNum() > 0 ? node : fallback;
    }

    /** Parses one statement of any kind Calcite's DDL grammar knows (INSERT, DELETE, DROP TABLE, ...). */
    public static SqlNode parseStatement(String sql) throws CompileException {
        return ProgramParser.parseStatement(sql);
    }

    /** Parses one query (SELECT, VALUES, set operation, ...). */
    public static SqlNode parseQuery(String sql) throws CompileException {
        return ProgramParser.parseQuery(sql);
    }

    /** Parses a whole program (statements plus column-level primary keys) without analyzing it. */
    public static ParsedProgram parseProgram(String programSql) throws CompileException {
        return ProgramParser.parse(programSql);
    }

    /** Declares one statement in the catalog; returns the planned view for CREATE VIEW, null for CREATE TABLE. */
    public static AnalyzedView declare(SqlNode statement, ProgramCatalog catalog) throws CompileException {
        return declare(statement, catalog, List.of());
    }

    /** Like {@link #declare(SqlNode, ProgramCatalog)}, with the column-level key columns of a CREATE TABLE. */
    public static AnalyzedView declare(SqlNode statement, ProgramCatalog catalog, List<String> columnKeys)
            throws CompileException {
        return declare(statement, catalog, columnKeys, List.of());
    }

    /** Like {@link #declare(SqlNode, ProgramCatalog, List)}, with the LATENESS attributes of a CREATE TABLE. */
    public static AnalyzedView declare(SqlNode statement, ProgramCatalog catalog, List<String> columnKeys,
                                       List<LatenessClause> lateness) throws CompileException {
        return declare(statement, catalog, columnKeys, lateness, List.of());
    }

    /** Like {@link #declare(SqlNode, ProgramCatalog, List, List)}, with the options of a CREATE TABLE. */
    public static AnalyzedView declare(SqlNode statement, ProgramCatalog catalog, List<String> columnKeys,
                                       List<LatenessClause> lateness, List<TableOption> options)
            throws CompileException {
        if (statement instanceof SqlCreateTable create) {
            requireSimple(create.name);
            UserMistakes.check(StatementShape.of(create));
            if (catalog.find(create.name.getSimple()).isPresent()) {
                throw new CompileException(TableDeclarations.duplicate("table", create.name));
            }
            catalog.add(TableDeclarations.declare(create, catalog, columnKeys, lateness, options));
            return null;
        }
        if (statement instanceof SqlCreateView create) {
            return declareView(create.name, create.columnList, create.query, false, statement, catalog);
        }
        if (statement instanceof SqlCreateMaterializedView create) {
            return declareView(create.name, create.columnList, create.query, true, statement, catalog);
        }
        throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                "only CREATE TABLE, CREATE VIEW and CREATE MATERIALIZED VIEW statements are supported, not "
                        + statement.getKind(), statement));
    }

    /** Plans a view over the catalog and adds it; validation problems become a {@link CompileException}. */
    public static AnalyzedView declareView(SqlIdentifier name, SqlNodeList columns, SqlNode query, boolean materialized,
                                           SqlNode statement, ProgramCatalog catalog) throws CompileException {
        requireSimple(name);
        if (catalog.find(name.getSimple()).isPresent()) {
            String kind = catalog.find(name.getSimple()).get().kind() == CatalogEntry.Kind.VIEW ? "view" : "table";
            throw new CompileException(Diagnostics.error(DiagnosticCodes.DUPLICATE_NAME,
                    "a " + kind + " named " + name.getSimple() + " is already declared", name));
        }
        UserMistakes.check(StatementShape.of(query));
        ViewPlan plan = plan(catalog, query, columns);
        CatalogEntry entry = new CatalogEntry(name.getSimple(), CatalogEntry.Kind.VIEW, plan.rowType(),
                List.of(), materialized);
        catalog.add(entry);
        return new AnalyzedView(entry, plan, statement);
    }

    private static void requireSimple(SqlIdentifier name) throws CompileException {
        if (!name.isSimple()) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID,
                    "table and view names must be simple identifiers (no schema)", name));
        }
    }

    private static ViewPlan plan(ProgramCatalog catalog, SqlNode query, SqlNodeList columns)
            throws CompileException {
        try {
            return ViewPlanner.plan(catalog, query, columns);
        } catch (CalciteContextException e) {
            throw new CompileException(NameHints.withSuggestion(Diagnostics.validation(e), catalog, query));
        } catch (StackOverflowError e) {
            throw new CompileException(CompileLimits.stackExhausted(query));
        } catch (RuntimeException | AssertionError e) {
            throw new CompileException(NameHints.withSuggestion(unsupportedOrInternal(e, query), catalog, query));
        }
    }

    private static Diagnostic unsupportedOrInternal(Throwable e, SqlNode query) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof CalciteContextException ctx) {
                return Diagnostics.validation(ctx);
            }
            cause = cause.getCause();
        }
        if (cause instanceof CalciteContextException ctx) {
            return Diagnostics.validation(ctx);
        }
        if (e instanceof UnsupportedOperationException || e instanceof AssertionError) {
            return Diagnostics.error(DiagnosticCodes.UNSUPPORTED, "unsupported query: " + Diagnostics.plain(e.getMessage(),
                    "the planner cannot handle this combination of constructs; simplify it or split it into views"),
                    query);
        }
        return Diagnostics.internal(e, query);
    }
}
