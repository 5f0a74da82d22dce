package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/** Translates ORDER BY ... LIMIT/OFFSET into a top-k operator; an ORDER BY without them does nothing in a view. */
public final class SortTranslator {

    private SortTranslator() {
    }

    /** A top-k node for ORDER BY with LIMIT/OFFSET, or the input itself without them. */
    static Node translate(CircuitBuilder builder, Sort sort, Node input) {
        if (sort.fetch == null && sort.offset == null) {
            return input;
        }
        long offset = sort.offset == null ? 0 : constant(sort.offset, "OFFSET");
        long fetch = sort.fetch == null ? -1 : constant(sort.fetch, "LIMIT");
        return builder.topK(input, keys(sort.getCollation()), offset, fetch);
    }

    /** Engine sort keys for a collation; unspecified NULL placement follows Calcite's default (NULLs high). */
    public static List<SortKey> keys(RelCollation collation) {
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation f : collation.getFieldCollations()) {
            boolean descending = f.getDirection().isDescending();
            boolean nullsFirst = switch (f.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                default -> descending;
            };
            keys.add(new SortKey(f.getFieldIndex(), descending, nullsFirst));
        }
        return keys;
    }

    private static long constant(RexNode node, String what) {
        if (node instanceof RexLiteral literal && literal.getValueAs(Long.class) != null) {
            return literal.getValueAs(Long.class);
        }
        throw new UnsupportedPlanException(what + " must be a constant");
    }
}
