package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.ProgramSchema;
import io.pipelinemanager.core.internal.engine.CircuitDefinition;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import java.util.List;

/**
 * A snapshot query compiled by {@link SqlCompiler#compileQuery}: a circuit whose tables are the
 * relations the query may read and whose one view, {@code view}, is the query. The view outputs every
 * column of the plan (ORDER BY-only ones too); the answer is its rows ordered by {@code order} and
 * projected to {@code visible}, named and typed by {@code columns}.
 */
public record CompiledQuery(CircuitDefinition definition, String view, List<SortKey> order, List<Integer> visible,
                            List<ProgramSchema.Column> columns) {

    /** Copies the lists. */
    public CompiledQuery {
        order = List.copyOf(order);
        visible = List.copyOf(visible);
        columns = List.copyOf(columns);
    }
}
