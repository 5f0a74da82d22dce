package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.compiler.plan.BpcharComparisons;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites a freshly converted plan into the shapes the circuit translator handles: sub-queries
 * become joins (then decorrelated), WHERE conjuncts move into joins as equi-join keys, many-way
 * inner joins are reordered to avoid cross products, and projections and filters are merged.
 */
final class PlanNormalizer {

    private static final HepProgram SUB_QUERIES = program(List.of(
            CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
            CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
            CoreRules.JOIN_SUB_QUERY_TO_CORRELATE));

    private static final HepProgram PUSH_DOWN = program(List.of(
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.FILTER_MERGE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE));

    private static final HepProgram CLEANUP = program(List.of(
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE));

    private static final HepProgram WINDOWS = program(List.of(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW));

    private PlanNormalizer() {
    }

    /** Normalises a converted plan. */
    static RelNode normalize(RelNode converted, RelBuilder relBuilder) {
        RelNode rel = lateralOneRowAsLeft(run(SUB_QUERIES, converted));
        rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
        rel = BpcharComparisons.rewrite(rel);
        rel = run(PUSH_DOWN, rel);
        if (countJoins(rel) >= 2) {
            rel = run(CLEANUP, JoinOrderer.reorder(rel));
        }
        if (hasOver(rel)) {
            rel = run(WINDOWS, rel);
        }
        return rel;
    }

    /**
     * An inner LATERAL join whose right side yields exactly one row per outer row (a correlated aggregate
     * without GROUP BY, e.g. {@code FROM t, LATERAL (SELECT SUM(b) FROM u WHERE u.k = t.k)}) is the same
     * as a left one; marking it LEFT lets the decorrelator keep outer rows that have no match (their
     * aggregate is NULL, a COUNT 0) instead of dropping them, as it would for an inner join.
     */
    private static RelNode lateralOneRowAsLeft(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode rewritten = lateralOneRowAsLeft(input);
            inputs.add(rewritten);
            changed |= rewritten != input;
        }
        RelNode out = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        if (out instanceof Correlate correlate && correlate.getJoinType() == JoinRelType.INNER) {
            RelMetadataQuery mq = out.getCluster().getMetadataQuery();
            Double min = mq.getMinRowCount(correlate.getRight());
            Double max = mq.getMaxRowCount(correlate.getRight());
            if (min != null && max != null && min >= 1 && max <= 1) {
                RelNode left = correlate.copy(correlate.getTraitSet(), correlate.getLeft(), correlate.getRight(),
                        correlate.getCorrelationId(), correlate.getRequiredColumns(), JoinRelType.LEFT);
                // The right side's columns became nullable; the plan above still sees the inner join's types.
                RexBuilder rex = out.getCluster().getRexBuilder();
                List<RexNode> fields = new ArrayList<>();
                List<RelDataTypeField> types = out.getRowType().getFieldList();
                for (int i = 0; i < types.size(); i++) {
                    fields.add(rex.makeCast(types.get(i).getType(), rex.makeInputRef(left, i), true, false));
                }
                return LogicalProject.create(left, List.of(), fields, out.getRowType(), java.util.Set.of());
            }
        }
        return out;
    }

    private static HepProgram program(List<RelOptRule> rules) {
        HepProgramBuilder b = new HepProgramBuilder();
        b.addRuleCollection(rules);
        return b.build();
    }

    private static RelNode run(HepProgram program, RelNode rel) {
        HepPlanner planner = new HepPlanner(program);
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    private static boolean hasOver(RelNode rel) {
        if (rel instanceof Project project && RexOver.containsOver(project.getProjects(), null)) {
            return true;
        }
        for (RelNode input : rel.getInputs()) {
            if (hasOver(input)) {
                return true;
            }
        }
        return false;
    }

    private static int countJoins(RelNode rel) {
        int count = rel instanceof Join ? 1 : 0;
        for (RelNode input : rel.getInputs()) {
            count += countJoins(input);
        }
        return count;
    }
}
