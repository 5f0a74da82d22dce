package io.pipelinemanager.core.internal.runner;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.api.QueryOutput;
import io.pipelinemanager.core.api.QueryResult;
import io.pipelinemanager.core.internal.compiler.CompileException;
import io.pipelinemanager.core.internal.compiler.CompiledQuery;
import io.pipelinemanager.core.internal.compiler.SqlCompiler;
import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.operator.StepBudget;
import io.pipelinemanager.core.internal.engine.operator.StepBudgetExceededException;
import io.pipelinemanager.core.internal.engine.operator.RowOrder;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.internal.io.RelationShape;
import io.pipelinemanager.core.internal.io.egress.CsvRowEncoder;
import io.pipelinemanager.core.internal.io.egress.JsonChangeEncoder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Answers a read-only {@code SELECT} over the current contents of a pipeline's tables and
 * materialized views with the pipeline's own engine: the query is compiled (by the compiler's query
 * entry point) as a view over those relations declared as tables, and evaluated once over their
 * snapshots (taken together, at one step boundary). Non-materialized views have no contents to
 * read, so they are unknown to the query.
 *
 * <p>Memory is bounded per query by {@link Limits}: the evaluation charges what it builds (operator outputs,
 * join indexes, groups, the sort) to a {@link StepBudget} and stops before it passes
 * {@link Limits#maxStateBytes()}; an answer with more than {@link Limits#maxRows()} rows is refused before
 * anything is written. Both are {@code QueryLimitExceeded}. The answer is then written row by row from the
 * evaluated result, never copied into a list or a byte buffer.
 */
final class SnapshotQuery {

    /** Estimated bytes the sort keeps per distinct answer row (a boxed index, a reference and a weight). */
    private static final long SORT_BYTES_PER_ROW = 48;

    /** The limits of one query: rows of the answer and estimated bytes of the state its evaluation builds. */
    record Limits(long maxRows, long maxStateBytes) {
        Limits {
            if (maxRows < 1 || maxStateBytes < 1) {
                throw new IllegalArgumentException("query limits must be positive: " + maxRows + ", " + maxStateBytes);
            }
        }
    }

    private SnapshotQuery() {
    }

    /**
     * A query's answer: its columns (names and engine types) and its distinct rows (all plan columns) in
     * ORDER BY order with their multiplicities; rows are projected to the visible columns as they are read.
     */
    static final class Answer implements QueryOutput {
        private final RelationShape shape;
        private final List<ProgramSchema.Column> columns;
        private final Row[] rows;
        private final long[] weights;
        private final int[] visible;
        private final long count;
        private final DataFormat format;

        private Answer(RelationShape shape, List<ProgramSchema.Column> columns, Row[] rows, long[] weights,
                       int[] visible, long count, DataFormat format) {
            this.shape = shape;
            this.columns = columns;
            this.rows = rows;
            this.weights = weights;
            this.visible = visible;
            this.count = count;
            this.format = format;
        }

        @Override
        public long rows() {
            return count;
        }

        @Override
        public String format() {
            return format.name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The answer rows, projected and repeated by weight, lazily. */
        Iterable<Row> answerRows() {
            return () -> new Iterator<>() {
                private int index;
                private long repeated;

                @Override
                public boolean hasNext() {
                    while (index < rows.length && repeated >= weights[index]) {
                        index++;
                        repeated = 0;
                    }
                    return index < rows.length;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    repeated++;
                    return Rows.project(rows[index], visible);
                }
            };
        }

        /** The answer as an API record (the answer's size is already bounded by the row limit). */
        QueryResult toResult() {
            List<List<Object>> values = new ArrayList<>((int) count);
            for (Row r : answerRows()) {
                List<Object> row = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    row.add(Values.plain(r.get(i)));
                }
                values.add(row);
            }
            return new QueryResult(columns, values);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try {
                if (format == DataFormat.CSV) {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    CsvRowEncoder csv = new CsvRowEncoder(shape);
                    csv.writeHeader(writer);
                    for (Row row : answerRows()) {
                        csv.writeRow(row, writer);
                    }
                    writer.flush();
                } else {
                    new JsonChangeEncoder(shape).writeRows(answerRows(), out);
                }
            } catch (RuntimeException e) {
                writeError(out, e);
            }
        }

        /** Ends a body whose rows could not all be written with an error record (see {@link QueryOutput}). */
        private void writeError(OutputStream out, RuntimeException e) throws IOException {
            String message = "The answer could not be written completely: "
                    + (e instanceof ManagerException ? e.getMessage() : "an internal error occurred");
            String code = (e instanceof ManagerException ? ((ManagerException) e).code() : ErrorCode.InternalError).name();
            if (format == DataFormat.CSV) {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                writer.write("\r\n# error: " + code + ": " + message.replaceAll("[\r\n]+", " ") + "\r\n");
                writer.flush();
            } else {
                try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    out.write('\n');
                    g.writeStartObject();
                    g.writeStringField("error_code", code);
                    g.writeStringField("message", message);
                    g.writeObjectFieldStart("details");
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }
        }
    }

    /**
     * Plans and evaluates {@code sql} over the runner's current snapshots and checks the answer against
     * {@code limits}; every error is a {@link ManagerException} raised before anything is written.
     */
    static Answer run(PipelineRunner runner, String sql, DataFormat format, Limits limits) {
        ProgramSchema schema = runner.schema();
        List<ProgramSchema.Relation> readable = readable(schema).toList();
        CompiledQuery query;
        try {
            query = SqlCompiler.compileQuery(readable, sql);
        } catch (CompileException e) {
            throw invalid(e.diagnostic(), readable);
        }
        Map<String, ZSet> contents = runner.snapshots(query.definition().tableNames());
        StepBudget budget = new StepBudget(limits.maxStateBytes());
        ZSet result;
        try {
            result = query.definition().evaluate(contents, budget, runner.clock()).get(query.view());
        } catch (StepBudgetExceededException e) {
            throw stateLimit(limits);
        } catch (CircuitStepException e) {
            throw new ManagerException(ErrorCode.InvalidQuery, "The query failed: " + e.getCause().getMessage(),
                    Map.of("reason", String.valueOf(e.code())));
        }
        long count = 0;
        for (int i = 0; i < result.size(); i++) {
            count += Math.max(0, result.weightAt(i));
            if (count > limits.maxRows()) {
                throw new ManagerException(ErrorCode.QueryLimitExceeded, "The answer has more than "
                        + limits.maxRows() + " rows (pm.query.max-rows); narrow the query with WHERE, LIMIT or an aggregate",
                        Map.of("limit", "max_rows", "max_rows", limits.maxRows()));
            }
        }
        Row[] rows;
        long[] weights;
        try {
            budget.charge(SORT_BYTES_PER_ROW * result.size());
        } catch (StepBudgetExceededException e) {
            throw stateLimit(limits);
        }
        Integer[] order = new Integer[result.size()];
        int n = 0;
        for (int i = 0; i < result.size(); i++) {
            if (result.weightAt(i) > 0) {
                order[n++] = i;
            }
        }
        order = Arrays.copyOf(order, n);
        if (!query.order().isEmpty()) {
            RowOrder rowOrder = new RowOrder(query.order());
            Arrays.sort(order, (a, b) -> rowOrder.compare(result.row(a), result.row(b)));
        }
        rows = new Row[n];
        weights = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = result.row(order[i]);
            weights[i] = result.weightAt(order[i]);
        }
        int[] visible = query.visible().stream().mapToInt(Integer::intValue).toArray();
        RelationShape shape = RelationShape.from(new ProgramSchema.Relation(query.view(), query.columns(), List.of(), false));
        return new Answer(shape, query.columns(), rows, weights, visible, count, format);
    }

    private static ManagerException stateLimit(Limits limits) {
        return new ManagerException(ErrorCode.QueryLimitExceeded, "The query needs more than its memory budget of "
                + limits.maxStateBytes() + " bytes (pm.query.max-state-bytes) for intermediate results (joins, "
                + "groups, sorting); add join conditions or filters, or query a materialized view",
                Map.of("limit", "max_state_bytes", "max_state_bytes", limits.maxStateBytes()));
    }

    private static Stream<ProgramSchema.Relation> readable(ProgramSchema schema) {
        return Stream.concat(schema.tables().stream().filter(t -> !t.appendOnly()),
                schema.views().stream().filter(ProgramSchema.Relation::materialized));
    }

    private static ManagerException invalid(Diagnostic d, List<ProgramSchema.Relation> readable) {
        List<String> names = readable.stream().map(ProgramSchema.Relation::name).toList();
        return new ManagerException(ErrorCode.InvalidQuery, d.message()
                + " (queries read tables that are not append-only and materialized views only: " + names + ")",
                Map.of("code", d.code(), "line", d.range().startLine(), "column", d.range().startColumn(),
                        "queryable", names));
    }
}
