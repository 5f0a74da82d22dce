package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * A fast greedy join orderer for trees of inner joins (comma joins with WHERE equalities can span
 * dozens of tables, where Calcite's cost-based rules take seconds). Each maximal inner-join tree
 * is flattened into its inputs and conjuncts, then rebuilt left-deep: start from an input with a
 * local filter, repeatedly add an input connected by a conjunct (a cross product only when none
 * is), and attach every conjunct at the first join where all its inputs are present.
 */
final class JoinOrderer {

    private JoinOrderer() {
    }

    /** The plan with every inner-join tree of three or more inputs reordered. */
    static RelNode reorder(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>();
        List<RexNode> conjuncts = new ArrayList<>();
        if (flatten(rel, 0, inputs, conjuncts) && inputs.size() >= 3) {
            List<RelNode> optimized = new ArrayList<>();
            for (RelNode input : inputs) {
                optimized.add(reorder(input));
            }
            return new Plan(rel, optimized, conjuncts).build();
        }
        List<RelNode> newInputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode r = reorder(input);
            changed |= r != input;
            newInputs.add(r);
        }
        return changed ? rel.copy(rel.getTraitSet(), newInputs) : rel;
    }

    /** Collects leaves and conjuncts (shifted to the concatenated row) of an inner-join tree rooted at rel. */
    private static boolean flatten(RelNode rel, int offset, List<RelNode> inputs, List<RexNode> conjuncts) {
        if (rel instanceof Filter filter && filter.getInput() instanceof Join join && isInner(join)) {
            for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
                conjuncts.add(RexUtil.shift(c, offset));
            }
            return flatten(join, offset, inputs, conjuncts);
        }
        if (rel instanceof Join join && isInner(join)) {
            for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
                if (!c.isAlwaysTrue()) {
                    conjuncts.add(RexUtil.shift(c, offset));
                }
            }
            flatten(join.getLeft(), offset, inputs, conjuncts);
            flatten(join.getRight(), offset + join.getLeft().getRowType().getFieldCount(), inputs, conjuncts);
            return true;
        }
        inputs.add(rel);
        return false;
    }

    private static boolean isInner(Join join) {
        return join.getJoinType() == JoinRelType.INNER && join.getSystemFieldList().isEmpty();
    }

    /** One flattened join tree being rebuilt. */
    private static final class Plan {
        private final RelNode original;
        private final List<RelNode> inputs;
        private final List<RexNode> conjuncts;
        private final RexBuilder rexBuilder;
        private final int[] start;
        private final int[] owner;
        private final List<BitSet> uses = new ArrayList<>();

        Plan(RelNode original, List<RelNode> inputs, List<RexNode> conjuncts) {
            this.original = original;
            this.inputs = inputs;
            this.conjuncts = conjuncts;
            this.rexBuilder = original.getCluster().getRexBuilder();
            this.start = new int[inputs.size()];
            int total = 0;
            for (int i = 0; i < inputs.size(); i++) {
                start[i] = total;
                total += inputs.get(i).getRowType().getFieldCount();
            }
            this.owner = new int[total];
            for (int i = 0; i < inputs.size(); i++) {
                for (int f = 0; f < inputs.get(i).getRowType().getFieldCount(); f++) {
                    owner[start[i] + f] = i;
                }
            }
            for (RexNode c : conjuncts) {
                BitSet b = new BitSet();
                for (int field : RelOptUtil.InputFinder.bits(c)) {
                    b.set(owner[field]);
                }
                uses.add(b);
            }
        }

        RelNode build() {
            int n = inputs.size();
            boolean[] applied = new boolean[conjuncts.size()];
            List<Integer> order = order();
            int[] newStart = new int[n];
            BitSet present = new BitSet();
            RelNode current = null;
            int width = 0;
            for (int leaf : order) {
                newStart[leaf] = width;
                width += inputs.get(leaf).getRowType().getFieldCount();
                present.set(leaf);
                List<RexNode> ready = new ArrayList<>();
                for (int c = 0; c < conjuncts.size(); c++) {
                    if (!applied[c] && contained(uses.get(c), present)) {
                        applied[c] = true;
                        ready.add(remap(conjuncts.get(c), newStart));
                    }
                }
                RexNode condition = RexUtil.composeConjunction(rexBuilder, ready);
                if (current == null) {
                    current = ready.isEmpty() ? inputs.get(leaf)
                            : LogicalFilter.create(inputs.get(leaf), condition);
                } else {
                    current = LogicalJoin.create(current, inputs.get(leaf), List.of(), condition,
                            java.util.Set.of(), JoinRelType.INNER);
                }
            }
            List<RexNode> projection = new ArrayList<>();
            for (int field = 0; field < owner.length; field++) {
                int leaf = owner[field];
                int target = newStart[leaf] + field - start[leaf];
                projection.add(rexBuilder.makeInputRef(current, target));
            }
            return LogicalProject.create(current, List.of(), projection, original.getRowType().getFieldNames(),
                    java.util.Set.of());
        }

        /** Greedy order: a leaf with a local filter first, then always a connected leaf if there is one. */
        private List<Integer> order() {
            int n = inputs.size();
            List<Integer> order = new ArrayList<>();
            BitSet present = new BitSet();
            int first = 0;
            for (int c = 0; c < conjuncts.size(); c++) {
                if (uses.get(c).cardinality() == 1) {
                    first = uses.get(c).nextSetBit(0);
                    break;
                }
            }
            order.add(first);
            present.set(first);
            while (order.size() < n) {
                int next = -1;
                for (int c = 0; c < conjuncts.size() && next < 0; c++) {
                    BitSet u = uses.get(c);
                    BitSet missing = (BitSet) u.clone();
                    missing.andNot(present);
                    if (missing.cardinality() == 1 && u.intersects(present)) {
                        next = missing.nextSetBit(0);
                    }
                }
                if (next < 0) {
                    next = present.nextClearBit(0);
                }
                order.add(next);
                present.set(next);
            }
            return order;
        }

        private static boolean contained(BitSet a, BitSet b) {
            BitSet x = (BitSet) a.clone();
            x.andNot(b);
            return x.isEmpty();
        }

        private RexNode remap(RexNode node, int[] newStart) {
            return node.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    int leaf = owner[ref.getIndex()];
                    return new RexInputRef(newStart[leaf] + ref.getIndex() - start[leaf], ref.getType());
                }
            });
        }
    }
}
