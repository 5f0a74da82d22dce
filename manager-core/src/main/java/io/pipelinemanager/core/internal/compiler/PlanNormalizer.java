package io.pipelinemanager.core.internal.compiler;

import java.util.EnumSet;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql.SqlKind;
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
            CoreRules.AGGREGATE_REDUCE_FUNCTIONS.config
                    .withFunctionsToReduce(EnumSet.of(SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP,
                            SqlKind.VAR_POP, SqlKind.VAR_SAMP))
                    .toRule(),
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
        RelNode rel = run(SUB_QUERIES, converted);
        rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
        rel = run(PUSH_DOWN, rel);
        if (countJoins(rel) >= 2) {
            rel = run(CLEANUP, JoinOrderer.reorder(rel));
        }
        if (hasOver(rel)) {
            rel = run(WINDOWS, rel);
        }
        return rel;
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
