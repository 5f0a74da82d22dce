package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.internal.compiler.AnalyzedView;
import io.pipelinemanager.core.internal.compiler.CatalogEntry;
import io.pipelinemanager.core.internal.compiler.CompileException;
import io.pipelinemanager.core.internal.compiler.ProgramAnalyzer;
import io.pipelinemanager.core.internal.compiler.ProgramCatalog;
import io.pipelinemanager.core.internal.compiler.ProgramTranslator;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The program a test file has declared so far (tables, persistent views, table contents). A query
 * is compiled as one more view over a copy of the catalog, so the tables' DDL is analyzed once per file.
 */
final class SltProgram {

    /** The name every query view gets. */
    static final String QUERY_VIEW = "slt_query";

    /** A query compiled into a circuit: the view, its plan and the tables it reads. */
    record CompiledQuery(CircuitDefinition definition, AnalyzedView view, Set<String> tables) {
    }

    final ProgramCatalog catalog = new ProgramCatalog();
    final List<AnalyzedView> views = new ArrayList<>();
    final TableData data = new TableData();

    /** Compiles {@code query} as a view; unsupported constructs and SQL errors become a {@link CompileException}. */
    CompiledQuery compile(SqlNode query) throws CompileException {
        ProgramCatalog copy = catalog.copy();
        AnalyzedView view = ProgramAnalyzer.declareView(new SqlIdentifier(QUERY_VIEW, SqlParserPos.ZERO), null, query,
                false, null, copy);
        List<AnalyzedView> all = new ArrayList<>(views);
        all.add(view);
        List<Diagnostic> diagnostics = new ArrayList<>();
        CircuitDefinition definition = ProgramTranslator.build(copy, all, true, diagnostics);
        if (definition == null) {
            throw new CompileException(diagnostics.get(0));
        }
        return new CompiledQuery(definition, view, tablesRead(view.plan().rel()));
    }

    /** The contents of the given tables, keyed by their declared names. */
    Map<String, Map<Row, Long>> contents(Set<String> tables) {
        Map<String, Map<Row, Long>> out = new HashMap<>();
        for (String t : tables) {
            CatalogEntry entry = catalog.find(t).orElseThrow();
            out.put(entry.name(), data.bag(t));
        }
        return out;
    }

    /** The declared names of those of the given tables that have a primary key. */
    Set<String> keyed(Set<String> tables) {
        Set<String> out = new java.util.HashSet<>();
        for (String t : tables) {
            CatalogEntry entry = catalog.find(t).orElseThrow();
            if (!entry.primaryKey().isEmpty()) {
                out.add(entry.name());
            }
        }
        return out;
    }

    /** Rows of the query result, each repeated by its weight. */
    static List<Row> rows(io.pipelinemanager.core.internal.engine.zset.ZSet result) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            long w = result.weightAt(i);
            if (w < 0) {
                throw new IllegalStateException("negative weight " + w + " for row " + result.row(i));
            }
            for (long k = 0; k < w; k++) {
                rows.add(result.row(i));
            }
        }
        return rows;
    }

    /** Base tables read by a plan, directly or through persistent views (lower-case names). */
    private Set<String> tablesRead(RelNode rel) {
        Set<String> tables = new java.util.TreeSet<>();
        collect(rel, tables);
        return tables;
    }

    private void collect(RelNode rel, Set<String> tables) {
        for (var table : RelOptUtil.findTables(rel)) {
            List<String> name = table.getQualifiedName();
            String n = TableData.key(name.get(name.size() - 1));
            CatalogEntry entry = catalog.find(n).orElse(null);
            if (entry != null && entry.kind() == CatalogEntry.Kind.TABLE) {
                tables.add(n);
            } else if (entry != null) {
                views.stream().filter(v -> TableData.key(v.entry().name()).equals(n))
                        .forEach(v -> collect(v.plan().rel(), tables));
            }
        }
    }
}
