package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.CircuitBuilder;
import io.pipelinemanager.core.internal.engine.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AsofJoin;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.Spool;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexUtil;

/**
 * Translates one normalised plan tree into circuit nodes, bottom-up. Table scans resolve to the
 * nodes of earlier tables and views; every other supported relational operator maps to one
 * engine operator (or a small group of them), as described in the package documentation.
 */
public final class RelTranslator {

    private final CircuitBuilder builder;
    private final Map<String, Node> sources;
    private final RexTranslator rex;
    private final String label;

    public RelTranslator(CircuitBuilder builder, Map<String, Node> sources, RexTranslator rex, String label) {
        this.builder = builder;
        this.sources = sources;
        this.rex = rex;
        this.label = label;
    }

    /** The node computing {@code rel}. */
    public Node translate(RelNode rel) {
        Node node = dispatch(rel);
        builder.label(node, label + ": " + rel.getRelTypeName());
        return node;
    }

    private Node dispatch(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return scan(scan);
        }
        if (rel instanceof Filter filter) {
            Node in = translate(filter.getInput());
            if (filter.getCondition().isAlwaysTrue()) {
                return in;
            }
            if (TemporalFilters.readsClock(filter.getCondition())) {
                return TemporalFilters.translate(builder, in, filter.getCondition(), rex);
            }
            return builder.filter(in, rex.translate(filter.getCondition()));
        }
        if (rel instanceof Project project) {
            Node in = translate(project.getInput());
            if (RexUtil.isIdentity(project.getProjects(), project.getInput().getRowType())) {
                return in;
            }
            return builder.map(in, rex.translate(project.getProjects()));
        }
        if (rel instanceof Values values) {
            return ValuesTranslator.translate(builder, values);
        }
        if (rel instanceof AsofJoin asof) {
            return AsofJoinTranslator.translate(builder, asof, translate(asof.getLeft()), translate(asof.getRight()));
        }
        if (rel instanceof Join join) {
            return JoinTranslator.translate(builder, join, translate(join.getLeft()), translate(join.getRight()), rex);
        }
        if (rel instanceof Aggregate aggregate) {
            return AggregateTranslator.translate(builder, aggregate, translate(aggregate.getInput()));
        }
        if (rel instanceof Union union) {
            Node all = builder.unionAll(inputs(union));
            return union.all ? all : builder.distinct(all);
        }
        if (rel instanceof Intersect intersect) {
            return builder.intersect(inputs(intersect), intersect.all);
        }
        if (rel instanceof Minus minus) {
            return builder.except(inputs(minus), minus.all);
        }
        if (rel instanceof Sort sort) {
            return SortTranslator.translate(builder, sort, translate(sort.getInput()));
        }
        if (rel instanceof Window window) {
            return WindowTranslator.translate(builder, window, translate(window.getInput()));
        }
        if (rel instanceof TableFunctionScan scan) {
            return TimeWindowTranslator.translate(builder, scan, inputs(scan));
        }
        if (rel instanceof RepeatUnion repeat) {
            return RecursiveTranslator.translate(builder, sources, rex, label, repeat, this);
        }
        if (rel instanceof Spool spool) {
            return translate(spool.getInput());
        }
        if (rel instanceof Uncollect uncollect) {
            return UnnestTranslator.uncollect(builder, uncollect, translate(uncollect.getInput()));
        }
        if (rel instanceof Correlate correlate) {
            Node unnest = UnnestTranslator.correlate(builder, correlate, this::translate, rex);
            if (unnest != null) {
                return unnest;
            }
            throw new UnsupportedPlanException("correlated sub-query that could not be decorrelated");
        }
        throw new UnsupportedPlanException(construct(rel) + " is not supported");
    }

    /** The SQL construct a plan node comes from, in the user's words (never the planner's class name). */
    private static String construct(RelNode rel) {
        String type = rel.getRelTypeName();
        if (type.contains("Match")) {
            return "MATCH_RECOGNIZE";
        }
        if (type.contains("Sample")) {
            return "TABLESAMPLE";
        }
        if (type.contains("Uncollect")) {
            return "UNNEST";
        }
        if (type.contains("TableModify")) {
            return "INSERT, UPDATE or DELETE";
        }
        if (type.contains("Snapshot")) {
            return "FOR SYSTEM_TIME AS OF";
        }
        if (type.contains("Repeat")) {
            return "recursive query";
        }
        return "this query construct";
    }

    private Node scan(TableScan scan) {
        List<String> name = scan.getTable().getQualifiedName();
        Node node = sources.get(name.get(name.size() - 1).toLowerCase(Locale.ROOT));
        if (node == null) {
            throw new IllegalStateException("no circuit node for relation " + name);
        }
        return node;
    }

    private List<Node> inputs(RelNode rel) {
        List<Node> nodes = new ArrayList<>();
        for (RelNode input : rel.getInputs()) {
            nodes.add(translate(input));
        }
        return nodes;
    }
}
