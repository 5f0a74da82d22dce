package io.pipelinemanager.core.internal.compiler;

import org.apache.calcite.sql.SqlNode;

/** A validated and planned view: its catalog entry, its plan and the statement that declared it (for positions). */
public record AnalyzedView(CatalogEntry entry, ViewPlan plan, SqlNode statement) {
}
