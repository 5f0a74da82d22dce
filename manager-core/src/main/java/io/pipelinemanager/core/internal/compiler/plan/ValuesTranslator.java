package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexLiteral;

/** Translates {@code VALUES} into a constant Z-set emitted at the first step. */
final class ValuesTranslator {

    private ValuesTranslator() {
    }

    /** A constant node holding the VALUES rows. */
    static Node translate(CircuitBuilder builder, Values values) {
        List<SqlType> types = TypeMapper.columns(values.getRowType());
        List<Row> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            Object[] row = new Object[types.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = LiteralConverter.value(tuple.get(i), types.get(i));
            }
            rows.add(new ArrayRow(row));
        }
        return builder.constant(types.size(), ZSet.ofRows(rows));
    }
}
