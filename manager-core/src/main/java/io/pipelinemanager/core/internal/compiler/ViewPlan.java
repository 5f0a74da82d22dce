package io.pipelinemanager.core.internal.compiler;

import java.util.List;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The normalised plan of one view. {@code rel} may carry extra trailing columns that only the
 * top-level ORDER BY uses; {@code visible} lists the view's own columns (in order) and
 * {@code collation} the ORDER BY over {@code rel}'s columns (empty when unordered).
 */
public record ViewPlan(RelNode rel, List<Integer> visible, List<String> names, RelCollation collation,
                       RelDataType rowType) {

    /** Copies the lists (immutable record). */
    public ViewPlan {
        visible = List.copyOf(visible);
        names = List.copyOf(names);
    }
}
