package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.internal.compiler.AnalyzedProgram;
import io.pipelinemanager.core.internal.compiler.AnalyzedView;
import io.pipelinemanager.core.internal.compiler.CompileException;
import io.pipelinemanager.core.internal.compiler.ProgramAnalyzer;
import io.pipelinemanager.core.internal.compiler.ProgramCatalog;
import io.pipelinemanager.core.internal.compiler.plan.ProgramTranslator;
import io.pipelinemanager.core.internal.compiler.plan.SortTranslator;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.operator.RowOrder;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Answers a read-only {@code SELECT} over the current contents of a pipeline's tables and
 * materialized views with the pipeline's own engine: the query is compiled as a view over a
 * catalog that declares those relations as tables, and evaluated in one step over their
 * snapshots (taken together, at one step boundary). Non-materialized views have no contents to
 * read, so they are unknown to the query.
 */
final class SnapshotQuery {

    private static final String QUERY_VIEW = "pm_snapshot_query";

    private SnapshotQuery() {
    }

    /** A query's answer: its columns (names and engine types) and its rows in ORDER BY order. */
    record Answer(RelationShape shape, List<ProgramSchema.Column> columns, List<Row> rows) {

        /** The answer as an API record. */
        QueryResult toResult() {
            return new QueryResult(columns, rows.stream().map(r -> {
                List<Object> values = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    values.add(r.get(i));
                }
                return values;
            }).toList());
        }
    }

    static Answer run(PipelineRunner runner, ProgramSchema schema, String sql) {
        List<ProgramSchema.Relation> readable = Stream.concat(schema.tables().stream(),
                schema.views().stream().filter(ProgramSchema.Relation::materialized)).toList();
        AnalyzedProgram catalogProgram = ProgramAnalyzer.analyze(ddl(readable));
        if (catalogProgram.hasErrors()) {
            throw new IllegalStateException("cannot declare the pipeline's relations: " + catalogProgram.diagnostics());
        }
        ProgramCatalog catalog = catalogProgram.catalog().copy();
        AnalyzedView view;
        try {
            view = ProgramAnalyzer.declareView(new SqlIdentifier(QUERY_VIEW, SqlParserPos.ZERO), null,
                    ProgramAnalyzer.parseQuery(sql), false, null, catalog);
        } catch (CompileException e) {
            throw invalid(e.diagnostic(), schema);
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        CircuitDefinition definition = ProgramTranslator.build(catalog, List.of(view), true, diagnostics);
        if (definition == null) {
            throw invalid(diagnostics.get(0), schema);
        }
        Map<String, ZSet> contents = runner.snapshots(definition.tableNames());
        ZSet result;
        try {
            result = definition.instantiate().step(contents).get(QUERY_VIEW);
        } catch (CircuitStepException e) {
            throw new ManagerException(ErrorCode.InvalidQuery, "The query failed: " + e.getCause().getMessage(),
                    Map.of("reason", String.valueOf(e.code())));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            for (long k = 0; k < result.weightAt(i); k++) {
                rows.add(result.row(i));
            }
        }
        rows.sort(new RowOrder(SortTranslator.keys(view.plan().collation())));
        int[] visible = view.plan().visible().stream().mapToInt(Integer::intValue).toArray();
        List<ProgramSchema.Column> all = view.entry().toRelation().columns();
        List<ProgramSchema.Column> columns = Arrays.stream(visible).mapToObj(all::get).toList();
        RelationShape shape = RelationShape.from(new ProgramSchema.Relation(QUERY_VIEW, columns, List.of(), false));
        return new Answer(shape, columns, rows.stream().map(r -> Rows.project(r, visible)).toList());
    }

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

    private static ManagerException invalid(Diagnostic d, ProgramSchema schema) {
        List<String> readable = Stream.concat(schema.tables().stream(),
                schema.views().stream().filter(ProgramSchema.Relation::materialized))
                .map(ProgramSchema.Relation::name).toList();
        return new ManagerException(ErrorCode.InvalidQuery, d.message()
                + " (queries read tables and materialized views only: " + readable + ")",
                Map.of("code", d.code(), "line", d.range().startLine(), "column", d.range().startColumn(),
                        "queryable", readable));
    }
}
