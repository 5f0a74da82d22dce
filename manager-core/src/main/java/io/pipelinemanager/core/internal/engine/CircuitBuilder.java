package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Lateness;
import io.pipelinemanager.core.internal.engine.operator.JoinSpec;
import io.pipelinemanager.core.internal.engine.operator.SortKey;
import io.pipelinemanager.core.internal.engine.operator.TemporalFilterOp;
import io.pipelinemanager.core.internal.engine.operator.WindowCall;
import io.pipelinemanager.core.internal.engine.aggregate.AggCall;
import io.pipelinemanager.core.internal.engine.expr.Expr;
import io.pipelinemanager.core.internal.engine.operator.AggregateOp;
import io.pipelinemanager.core.internal.engine.operator.AsofJoinOp;
import io.pipelinemanager.core.internal.engine.operator.ConstantOp;
import io.pipelinemanager.core.internal.engine.operator.DistinctOp;
import io.pipelinemanager.core.internal.engine.operator.FilterOp;
import io.pipelinemanager.core.internal.engine.operator.FlatMapOp;
import io.pipelinemanager.core.internal.engine.operator.IdentityOp;
import io.pipelinemanager.core.internal.engine.operator.InnerJoinOp;
import io.pipelinemanager.core.internal.engine.operator.MapOp;
import io.pipelinemanager.core.internal.engine.operator.NegateOp;
import io.pipelinemanager.core.internal.engine.operator.Operator;
import io.pipelinemanager.core.internal.engine.operator.OuterJoinOp;
import io.pipelinemanager.core.internal.engine.operator.SemiJoinOp;
import io.pipelinemanager.core.internal.engine.operator.SetOp;
import io.pipelinemanager.core.internal.engine.operator.TopKOp;
import io.pipelinemanager.core.internal.engine.operator.UnionOp;
import io.pipelinemanager.core.internal.engine.operator.WindowOp;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.operator.ColumnBound;
import io.pipelinemanager.core.internal.engine.operator.WatermarkInputOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.function.UnaryOperator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds a {@link CircuitDefinition}. Every method adds one node wired to existing nodes (so the
 * graph is acyclic and in topological order) and returns its {@link Node} handle. Not thread-safe;
 * single use.
 */
public final class CircuitBuilder {
    private final List<NodeDef> nodes = new ArrayList<>();
    private final Map<String, Integer> tables = new LinkedHashMap<>();
    private final Map<String, List<SqlType>> tableTypes = new LinkedHashMap<>();
    private final Map<String, TableKeys> tableKeys = new LinkedHashMap<>();
    private final Map<String, Integer> views = new LinkedHashMap<>();
    private final Map<String, Boolean> materialized = new LinkedHashMap<>();
    private final Map<String, Lateness> lateness = new LinkedHashMap<>();
    private final java.util.Set<String> appendOnly = new java.util.LinkedHashSet<>();
    /** Per node with any: a lower bound per output column that later changes respect (null entries: none). */
    private final Map<Integer, ColumnBound[]> bounds = new HashMap<>();

    /** Declares an input table (names are case-sensitive; use the compiler's canonical names). */
    public Node input(String table, List<SqlType> columnTypes) {
        return input(table, columnTypes, new int[0], null);
    }

    /**
     * Declares an input table with a primary key ({@code key}: column positions, empty for a bag) and the
     * column defaults ingress applies to omitted columns ({@code defaults}: one entry per column, null for none;
     * a null array: no defaults).
     */
    public Node input(String table, List<SqlType> columnTypes, int[] key, ColumnDefault[] defaults) {
        return input(table, columnTypes, key, defaults, null);
    }

    /**
     * Declares an input table like {@link #input(String, List, int[], ColumnDefault[])} with a {@code LATENESS}
     * column ({@code late}; null for none): its late changes are dropped and operators keyed by that column (or a
     * non-decreasing function of it) discard the state below its watermark.
     */
    public Node input(String table, List<SqlType> columnTypes, int[] key, ColumnDefault[] defaults, Lateness late) {
        if (tables.containsKey(table)) {
            throw new IllegalArgumentException("duplicate table " + table);
        }
        if (late != null && (late.column() < 0 || late.column() >= columnTypes.size()
                || columnTypes.get(late.column()).kind() != late.kind())) {
            throw new IllegalArgumentException("LATENESS column " + late.column() + " does not match the table");
        }
        Node n = add("INPUT", new int[0], columnTypes.size(), late == null ? IdentityOp::new : WatermarkInputOp::new);
        if (late != null) {
            lateness.put(table, late);
            ColumnBound[] b = new ColumnBound[columnTypes.size()];
            b[late.column()] = ColumnBound.watermark(table);
            bounds.put(n.id(), b);
        }
        tables.put(table, n.id());
        tableTypes.put(table, List.copyOf(columnTypes));
        tableKeys.put(table, new TableKeys(columnTypes.size(), key, defaults));
        return n;
    }

    /** A constant relation (VALUES) of rows with {@code arity} columns, emitted at the first step. */
    public Node constant(int arity, ZSet rows) {
        return add("CONSTANT", new int[0], arity, () -> new ConstantOp(rows));
    }

    /** Keeps rows whose predicate evaluates to TRUE. */
    public Node filter(Node in, Expr predicate) {
        return keepBounds(in, add("FILTER", ids(in), in.arity(), () -> new FilterOp(predicate)));
    }

    /**
     * A temporal filter (see {@link TemporalFilterOp}): keeps rows meeting every condition against the step's
     * clock, retracting and emitting rows as time passes.
     */
    public Node temporalFilter(Node in, List<TemporalFilterOp.Condition> conditions) {
        List<TemporalFilterOp.Condition> c = List.copyOf(conditions);
        // no bounds: rows it kept come out later, whatever the watermark is by then
        return add("TEMPORAL_FILTER", ids(in), in.arity(), () -> new TemporalFilterOp(c));
    }

    /** Projects rows through one expression per output column. */
    public Node map(Node in, List<Expr> projections) {
        Expr[] p = projections.toArray(new Expr[0]);
        Node n = add("MAP", ids(in), p.length, () -> new MapOp(p));
        ColumnBound[] b = bounds.get(in.id());
        if (b != null) {
            ColumnBound[] out = new ColumnBound[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = ColumnBound.through(p[i], b);
            }
            putBounds(n, out);
        }
        return n;
    }

    /** Maps each row to zero or more rows of {@code arity} columns ({@code function(row, emit)}); must be pure. */
    public Node flatMap(Node in, int arity, BiConsumer<Row, Consumer<Row>> function) {
        return add("FLAT_MAP", ids(in), arity, () -> new FlatMapOp(function));
    }

    /**
     * A flat-map that keeps the input's columns and appends columns each a non-decreasing function of input
     * column {@code from} ({@code appended}, one per appended column, of the lowest value of {@code from} to the
     * lowest value of that column: how a TUMBLE or HOP window bound follows the timestamp).
     */
    public Node flatMap(Node in, int arity, BiConsumer<Row, Consumer<Row>> function, int from,
                        List<UnaryOperator<Object>> appended) {
        Node n = flatMap(in, arity, function);
        ColumnBound[] b = bounds.get(in.id());
        if (b != null) {
            ColumnBound[] out = Arrays.copyOf(b, arity);
            for (int i = 0; i < appended.size() && in.arity() + i < arity; i++) {
                out[in.arity() + i] = b[from] == null ? null : b[from].then(appended.get(i));
            }
            putBounds(n, out);
        }
        return n;
    }

    /** UNION ALL of inputs with equal arity. */
    public Node unionAll(List<Node> ins) {
        requireSameArity(ins);
        Node n = add("UNION_ALL", ids(ins.toArray(new Node[0])), ins.get(0).arity(), UnionOp::new);
        ColumnBound[] out = new ColumnBound[n.arity()];
        for (int c = 0; c < out.length; c++) {
            List<ColumnBound> each = new ArrayList<>();
            for (Node in : ins) {
                ColumnBound[] b = bounds.get(in.id());
                each.add(b == null ? null : b[c]);
            }
            out[c] = ColumnBound.min(each);
        }
        putBounds(n, out);
        return n;
    }

    /** Negation of all weights. */
    public Node negate(Node in) {
        return add("NEGATE", ids(in), in.arity(), NegateOp::new);
    }

    /** DISTINCT (also UNION = distinct(unionAll)). */
    public Node distinct(Node in) {
        return keepBounds(in, add("DISTINCT", ids(in), in.arity(), DistinctOp::new));
    }

    /** A join; output is left ++ right columns, or only left columns for SEMI/ANTI. */
    public Node join(Node left, Node right, JoinSpec spec) {
        switch (spec.type()) {
            case INNER:
                // no bounds: a new row of one side joins old rows of the other, whatever their time
                return add("JOIN", ids(left, right), left.arity() + right.arity(), () -> new InnerJoinOp(spec));
            case SEMI:
            case ANTI:
                return add(spec.type() + "_JOIN", ids(left, right), left.arity(), () -> new SemiJoinOp(spec));
            default:
                int la = left.arity();
                int ra = right.arity();
                return add(spec.type() + "_JOIN", ids(left, right), la + ra, () -> new OuterJoinOp(spec, la, ra));
        }
    }

    /**
     * ASOF join (see {@link AsofJoinOp}): output = left ++ right columns, at most one right row per left row;
     * {@code outer} keeps unmatched left rows padded with NULLs.
     */
    public Node asofJoin(Node left, Node right, int[] leftKeys, int[] rightKeys, int leftColumn, int rightColumn,
                         AsofJoinOp.Comparison comparison, boolean outer) {
        int[] lk = leftKeys.clone();
        int[] rk = rightKeys.clone();
        int ra = right.arity();
        return add(outer ? "LEFT_ASOF_JOIN" : "ASOF_JOIN", ids(left, right), left.arity() + ra,
                () -> new AsofJoinOp(lk, rk, leftColumn, rightColumn, comparison, outer, ra));
    }

    /** GROUP BY {@code groupKeys} (may be empty: global aggregate); output = keys ++ one column per call. */
    public Node aggregate(Node in, int[] groupKeys, List<AggCall> calls) {
        int[] keys = groupKeys.clone();
        AggCall[] c = calls.toArray(new AggCall[0]);
        ColumnBound[] b = bounds.get(in.id());
        ColumnBound[] keyBounds = null;
        if (b != null && keys.length > 0) {
            keyBounds = new ColumnBound[keys.length];
            for (int i = 0; i < keys.length; i++) {
                keyBounds[i] = b[keys[i]];
            }
            if (Arrays.stream(keyBounds).allMatch(java.util.Objects::isNull)) {
                keyBounds = null;
            }
        }
        ColumnBound[] settled = keyBounds;
        Node n = add("AGGREGATE", ids(in), keys.length + c.length, () -> new AggregateOp(keys, c, settled));
        if (settled != null) {
            putBounds(n, Arrays.copyOf(settled, n.arity()));
        }
        return n;
    }

    /** INTERSECT (all = INTERSECT ALL) of inputs with equal arity. */
    public Node intersect(List<Node> ins, boolean all) {
        requireSameArity(ins);
        int n = ins.size();
        return add(all ? "INTERSECT_ALL" : "INTERSECT", ids(ins.toArray(new Node[0])), ins.get(0).arity(),
                () -> new SetOp(true, all, n));
    }

    /** EXCEPT (all = EXCEPT ALL): first input minus the others. */
    public Node except(List<Node> ins, boolean all) {
        requireSameArity(ins);
        int n = ins.size();
        return add(all ? "EXCEPT_ALL" : "EXCEPT", ids(ins.toArray(new Node[0])), ins.get(0).arity(),
                () -> new SetOp(false, all, n));
    }

    /** ORDER BY keys OFFSET offset FETCH fetch (fetch &lt; 0: no limit) over the integrated input. */
    public Node topK(Node in, List<SortKey> keys, long offset, long fetch) {
        List<SortKey> k = List.copyOf(keys);
        return add("TOP_K", ids(in), in.arity(), () -> new TopKOp(k, offset, fetch));
    }

    /**
     * Window functions over partitions of {@code in}: output = input columns ++ one column per call
     * (chain several operators for several OVER clauses). Touched partitions are recomputed.
     */
    public Node window(Node in, int[] partitionKeys, List<SortKey> order, List<WindowCall> calls) {
        int[] keys = partitionKeys.clone();
        List<SortKey> o = List.copyOf(order);
        List<WindowCall> c = List.copyOf(calls);
        return add("WINDOW", ids(in), in.arity() + c.size(), () -> new WindowOp(keys, o, c));
    }

    /**
     * A recursive query (see {@link RecursiveOp}): {@code seed} is the non-recursive term, {@code others} the
     * relations the recursive term reads, bound in order to {@code otherNames} of {@code recursiveTerm}, whose
     * table {@code recursiveName} is the recursive reference and whose one view is the recursive term.
     */
    public Node recursive(Node seed, List<Node> others, CircuitDefinition recursiveTerm, String recursiveName,
                          List<String> otherNames, boolean all, int maxIterations, String viewName) {
        Node[] ins = new Node[others.size() + 1];
        ins[0] = seed;
        for (int i = 0; i < others.size(); i++) {
            ins[i + 1] = others.get(i);
        }
        List<String> names = List.copyOf(otherNames);
        return add("RECURSIVE", ids(ins), seed.arity(),
                () -> new RecursiveOp(recursiveTerm, recursiveName, names, all, maxIterations, viewName));
    }

    /** Names a node for counters and error messages (e.g. "view V1, WHERE clause"). */
    public CircuitBuilder label(Node node, String label) {
        nodes.set(node.id(), nodes.get(node.id()).withLabel(label));
        return this;
    }

    /** Declares view {@code name} as the output of {@code node}; materialized views support snapshot(). */
    public void output(String name, Node node, boolean isMaterialized) {
        if (views.containsKey(name) || tables.containsKey(name)) {
            throw new IllegalArgumentException("duplicate output name " + name);
        }
        Node n = add("OUTPUT", ids(node), node.arity(), IdentityOp::new);
        label(n, name);
        views.put(name, n.id());
        materialized.put(name, isMaterialized);
    }

    /**
     * Makes a declared table without a key append-only: it takes inserts only, and the circuit passes its changes
     * through without keeping its rows (operators that need them keep their own state).
     */
    public void appendOnly(String table) {
        if (!tables.containsKey(table)) {
            throw new IllegalArgumentException("unknown table " + table);
        }
        if (tableKeys.get(table).key().length > 0) {
            throw new IllegalArgumentException("table " + table + " has a primary key: it cannot be append-only");
        }
        appendOnly.add(table);
    }

    /** The immutable definition; the builder must not be used afterwards. */
    public CircuitDefinition build() {
        return new CircuitDefinition(nodes, tables, tableTypes, tableKeys, views, materialized, lateness, appendOnly);
    }

    /**
     * The lower bounds (see {@link ColumnBound}) later changes of a node's columns respect, null entries where a
     * column has none (an array of nulls when no column has one): what LATENESS lets operators downstream discard.
     */
    public ColumnBound[] bounds(Node node) {
        ColumnBound[] b = bounds.get(node.id());
        return b == null ? new ColumnBound[node.arity()] : b.clone();
    }

    private Node keepBounds(Node in, Node out) {
        ColumnBound[] b = bounds.get(in.id());
        if (b != null) {
            bounds.put(out.id(), b);
        }
        return out;
    }

    private void putBounds(Node n, ColumnBound[] b) {
        if (Arrays.stream(b).anyMatch(java.util.Objects::nonNull)) {
            bounds.put(n.id(), b);
        }
    }

    private Node add(String kind, int[] inputs, int arity, Supplier<Operator> factory) {
        for (int i : inputs) {
            if (i < 0 || i >= nodes.size()) {
                throw new IllegalArgumentException("unknown input node " + i);
            }
        }
        int id = nodes.size();
        nodes.add(new NodeDef(id, kind, null, inputs, arity, factory, Set.of()));
        return new Node(id, arity);
    }

    private static int[] ids(Node... ns) {
        int[] out = new int[ns.length];
        for (int i = 0; i < ns.length; i++) {
            out[i] = ns[i].id();
        }
        return out;
    }

    private static void requireSameArity(List<Node> ins) {
        if (ins.isEmpty()) {
            throw new IllegalArgumentException("at least one input is required");
        }
        for (Node n : ins) {
            if (n.arity() != ins.get(0).arity()) {
                throw new IllegalArgumentException("inputs have different arities");
            }
        }
    }
}
