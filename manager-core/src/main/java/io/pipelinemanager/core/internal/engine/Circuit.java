package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Lateness;
import io.pipelinemanager.core.internal.engine.operator.StepBudget;
import io.pipelinemanager.core.internal.engine.operator.StepBudgetExceededException;
import io.pipelinemanager.core.internal.engine.operator.Operator;
import io.pipelinemanager.core.internal.engine.operator.RowFailure;
import io.pipelinemanager.core.internal.engine.operator.WatermarkInputOp;
import io.pipelinemanager.core.internal.engine.operator.Work;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.ValueChecks;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.RowSizes;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runtime circuit instance (not thread-safe). {@link #step} applies one atomic batch of table
 * changes and returns every view's delta. A step is a transaction: if it throws
 * {@link CircuitStepException} (or {@link StepBudgetExceededException}) it is rolled back, every operator's
 * state, the integrated snapshots, the step count and the counters are as before it, and the instance
 * keeps working. Only an {@link Error} during a step (or a failed rollback) poisons the instance: every later
 * call fails and it must be discarded (rebuild from the definition).
 */
public final class Circuit {
    private final CircuitDefinition def;
    private final Operator[] operators;
    private final long[][] counters;
    private final String[] inputTables;
    private final Map<String, IntegratedZSet> integrated = new HashMap<>();
    /** Per input table (integrating instances only): resolves its changes against its contents. */
    private final Map<String, TableState> tableStates = new HashMap<>();
    private final boolean integrate;
    /** Where a step records its changes for {@link #rollBack}; null for a one-shot instance. */
    private final UndoLog undo;
    private long steps;
    private boolean poisoned;
    private CircuitStepException initFailure;
    /** The failure of the evaluation over empty tables when it was deferred into the first step (see {@link #initialize()}). */
    private CircuitStepException deferredInitFailure;
    private Map<String, ZSet> initialContents = Map.of();
    /** Where every step reads the time {@code NOW()} has in it (UTC). */
    private Clock clock = Clock.systemUTC();

    private static final int IN = 0;
    private static final int OUT = 1;
    private static final int WORK = 2;
    private static final int TOTAL_IN = 3;
    private static final int TOTAL_OUT = 4;
    private static final int TOTAL_WORK = 5;

    Circuit(CircuitDefinition def) {
        this(def, true);
    }

    /** With {@code integrate} false the instance keeps no snapshots of tables and materialized views (one-shot use). */
    Circuit(CircuitDefinition def, boolean integrate) {
        this(def, integrate, integrate);
    }

    /**
     * With {@code recordUndo} false a failed step cannot be rolled back and poisons the instance (one-shot use,
     * and measuring what the undo log costs).
     */
    Circuit(CircuitDefinition def, boolean integrate, boolean recordUndo) {
        this.def = def;
        this.integrate = integrate;
        this.undo = recordUndo ? new UndoLog() : null;
        List<NodeDef> nodes = def.nodes();
        this.operators = new Operator[nodes.size()];
        this.counters = new long[nodes.size()][6];
        for (int i = 0; i < operators.length; i++) {
            operators[i] = nodes.get(i).factory().get();
        }
        this.inputTables = new String[nodes.size()];
        def.tables().forEach((t, id) -> inputTables[id] = t);
        if (integrate) {
            def.tables().keySet().forEach(t -> {
                int[] key = def.keys(t).key();
                IntegratedZSet contents = null; // an append-only table keeps no rows
                if (!def.tableAppendOnly(t)) {
                    contents = key.length > 0 ? new IntegratedZSet(key) : new IntegratedZSet();
                    integrated.put(t, contents);
                }
                Operator input = operators[def.tables().get(t)];
                tableStates.put(t, new TableState(t, def.tableTypes(t), key, contents,
                        def.tableLateness(t), input instanceof WatermarkInputOp mark ? mark : null));
            });
            def.views().keySet().stream().filter(def::isMaterialized).forEach(v -> integrated.put(v, new IntegratedZSet()));
        }
    }

    /**
     * A circuit that continues exactly where the one that captured {@code state} was: same operator state,
     * snapshots, step count and total counters (the last-step counters start at zero).
     *
     * @throws IllegalArgumentException when the state was not captured from a circuit of this definition
     */
    Circuit(CircuitDefinition def, CircuitState state) {
        this(def, true);
        def.checkShape(state);
        for (int i = 0; i < operators.length; i++) {
            CircuitState.NodeState n = state.nodes().get(i);
            try {
                operators[i].restoreState(n.state());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot restore node " + i + " (" + n.kind() + "): " + e.getMessage(), e);
            }
            counters[i][TOTAL_IN] = n.totalRowsIn();
            counters[i][TOTAL_OUT] = n.totalRowsOut();
            counters[i][TOTAL_WORK] = n.totalWork();
        }
        state.snapshots().forEach((name, z) -> integrated.get(name).addAll(z, 1));
        steps = state.steps();
    }

    /**
     * Evaluates the circuit once over empty tables so that views hold what SQL gives for empty tables (a global
     * aggregate's single row, a VALUES view's rows) before any input: the result integrates into the
     * materialized views and is not a step ({@link #steps()} stays 0, subscribers registered later see it in a
     * snapshot). Called once by {@link CircuitDefinition#instantiate()}. When an operator fails on the empty
     * input: if that operator reads an input table (e.g. {@code 45 / -COUNT(*)}, COUNT(*) being 0 only while the
     * table is empty) the evaluation is rolled back and deferred, every operator still unstarted, so that the
     * first step evaluates the views over empty tables and its input together, as one transaction; the failure
     * is kept in {@link #deferredInitFailure()} until a step succeeds. An operator that fails whatever the tables
     * hold (e.g. {@code SELECT 1 / 0}) poisons the instance, its failure in {@link #initFailure()}.
     */
    void initialize() {
        try {
            initialContents = evaluate(Map.of(), null, false);
        } catch (CircuitStepException e) {
            if (readsATable(e.operatorId()) && !poisoned) {
                deferredInitFailure = e;
                Map<String, ZSet> empty = new LinkedHashMap<>();
                def.views().keySet().forEach(v -> empty.put(v, ZSet.empty()));
                initialContents = empty;
            } else {
                initFailure = e;
                poisoned = true;
            }
        }
    }

    /** True when node {@code id} depends on an input table. */
    private boolean readsATable(int id) {
        List<NodeDef> nodes = def.nodes();
        boolean[] reads = new boolean[nodes.size()];
        for (int i = 0; i <= id && i < nodes.size(); i++) {
            NodeDef n = nodes.get(i);
            reads[i] = n.kind().equals("INPUT");
            for (int in : n.inputs()) {
                reads[i] |= reads[in];
            }
        }
        return id >= 0 && id < nodes.size() && reads[id];
    }

    /** Why the evaluation over empty tables at creation failed when the instance is poisoned by it, or null. */
    public CircuitStepException initFailure() {
        return initFailure;
    }

    /**
     * Why the evaluation over empty tables at creation failed when it was deferred into the first step (the views
     * hold nothing until a step succeeds; see {@link #initialize()}), or null: null again once a step succeeded.
     */
    public CircuitStepException deferredInitFailure() {
        return deferredInitFailure;
    }

    /**
     * What every view held when the instance was created, over empty tables (an empty Z-set for most views):
     * whoever integrates the deltas of {@link #step} itself starts from these.
     */
    public Map<String, ZSet> initialContents() {
        return initialContents;
    }

    /**
     * Captures this circuit's complete state between steps (call it on the step thread). Cheap: operators
     * freeze their traces in O(shards) and share immutable rows; nothing is encoded. The result does not
     * change when this circuit keeps stepping and may be read (encoded) on another thread afterwards, once
     * handed over with a happens-before edge (an executor, a concurrent queue). While it is alive, the circuit's
     * first write to a frozen shard copies that shard, so memory grows by at most the shards written since.
     *
     * @throws IllegalStateException for a poisoned or one-shot circuit
     */
    public CircuitState captureState() {
        checkUsable();
        if (!integrate) {
            throw new IllegalStateException("a one-shot circuit has no state to capture");
        }
        List<NodeDef> nodes = def.nodes();
        List<CircuitState.NodeState> states = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            long[] c = counters[i];
            states.add(new CircuitState.NodeState(nodes.get(i).kind(), operators[i].captureState(),
                    c[TOTAL_IN], c[TOTAL_OUT], c[TOTAL_WORK]));
        }
        Map<String, ZSetView> snapshots = new TreeMap<>();
        integrated.forEach((name, z) -> snapshots.put(name, z.snapshot()));
        return new CircuitState(steps, states, snapshots);
    }

    /**
     * Replaces the clock every later step reads once, as an input of the step: the value of {@code NOW()} in
     * temporal filters (the clock's instant in UTC, to the millisecond). The runner passes the manager's clock;
     * tests pass one they control.
     */
    public void clock(Clock source) {
        this.clock = java.util.Objects.requireNonNull(source, "clock");
    }

    /** The time a step starting now would see as {@code NOW()}. */
    public LocalDateTime now() {
        return now(clock);
    }

    /** {@code NOW()} of a step that reads {@code source}: its instant in UTC, truncated to the millisecond. */
    public static LocalDateTime now(Clock source) {
        return LocalDateTime.ofInstant(source.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The definition this instance was created from. */
    public CircuitDefinition definition() {
        return def;
    }

    /**
     * Applies one batch: {@code inputDeltas} maps table names to consolidated changes (absent tables
     * did not change). Returns a delta (possibly empty) for every view.
     */
    public Map<String, ZSet> step(Map<String, ZSet> inputDeltas) {
        return step(inputDeltas, null);
    }

    /**
     * Applies one batch like {@link #step(Map)}, charging what the operators build to {@code budget}
     * (null: unbounded). A step that fails (an operator throws {@link CircuitStepException}, or the budget
     * is exceeded: {@link StepBudgetExceededException}) is rolled back: the instance is left exactly as before
     * the call and stays usable (see {@link #rollBack}).
     */
    public Map<String, ZSet> step(Map<String, ZSet> inputDeltas, StepBudget budget) {
        if (!integrate) {
            checkUsable();
            checkTables(inputDeltas.keySet());
            inputDeltas.forEach((t, z) -> validate(t, def.tableTypes(t), z));
            return evaluate(inputDeltas, budget, true);
        }
        Map<String, TableChanges> changes = new LinkedHashMap<>();
        inputDeltas.forEach((t, z) -> changes.put(t, TableChanges.of(z)));
        return apply(changes, budget);
    }

    /**
     * Applies one batch of changes in arrival order per table and returns every view's delta, as a transaction
     * like {@link #step(Map, StepBudget)}. A table with a primary key upserts: an insert replaces the row of its
     * key (−old +new), a delete removes the row of its key whatever its other columns say, an update changes
     * the columns it sets of the row of its key; deletes and updates of absent keys are ignored and counted
     * ({@link #inputCounters()}). A table without a key is a bag: a delete of a row it does not hold is ignored
     * and counted. Several changes of one key resolve in order (the last wins). Bad rows (wrong arity or types,
     * NULL in a key column, an update of a table without a key) are refused with
     * {@link IllegalArgumentException} before anything is applied.
     */
    public Map<String, ZSet> apply(Map<String, TableChanges> changes, StepBudget budget) {
        checkUsable();
        if (!integrate) {
            throw new IllegalStateException("a one-shot circuit has no table contents to apply changes to");
        }
        checkTables(changes.keySet());
        changes.forEach((t, c) -> tableStates.get(t).validate(c));
        Map<String, ZSet> deltas = new LinkedHashMap<>();
        changes.forEach((t, c) -> deltas.put(t, tableStates.get(t).resolve(c)));
        Map<String, ZSet> result;
        try {
            result = evaluate(deltas, budget, true);
        } catch (RuntimeException | Error e) {
            tableStates.values().forEach(TableState::discard);
            throw e;
        }
        tableStates.values().forEach(TableState::commit);
        return result;
    }

    /**
     * Ignored deletes and updates and late changes per input table since the instance was created (tables with
     * none omitted).
     */
    public Map<String, InputCounters> inputCounters() {
        Map<String, InputCounters> out = new LinkedHashMap<>();
        tableStates.forEach((t, s) -> {
            if (s.ignoredDeletes() != 0 || s.ignoredUpdates() != 0 || s.lateRecords() != 0) {
                out.put(t, new InputCounters(s.ignoredDeletes(), s.ignoredUpdates(), s.lateRecords()));
            }
        });
        return out;
    }

    /**
     * The watermark of every table with a {@code LATENESS} column that has one yet (see {@link Lateness}): its
     * changes below it are dropped, and operators discard the state no later change can reach.
     */
    public Map<String, Object> watermarks() {
        Map<String, Object> out = new LinkedHashMap<>();
        tableStates.forEach((t, s) -> {
            if (s.watermark() != null) {
                out.put(t, s.watermark());
            }
        });
        return out;
    }

    private void checkTables(java.util.Set<String> tables) {
        for (String t : tables) {
            if (!def.tables().containsKey(t)) {
                throw new IllegalArgumentException("unknown table " + t);
            }
        }
    }

    /**
     * Runs every operator over the (validated, resolved) table deltas and integrates tables and materialized
     * views, as a transaction; {@code countStep} false for the evaluation over empty tables at creation, which
     * is not a step. Returns every view's delta.
     */
    private Map<String, ZSet> evaluate(Map<String, ZSet> inputDeltas, StepBudget budget, boolean countStep) {
        List<NodeDef> nodes = def.nodes();
        ZSet[] outputs = new ZSet[nodes.size()];
        long[][] last = new long[nodes.size()][];
        Work work = new Work(undo);
        work.now(now());
        work.watermarks(watermarks());
        int i = 0;
        try {
            for (; i < nodes.size(); i++) {
                NodeDef n = nodes.get(i);
                ZSet[] ins;
                if (n.kind().equals("INPUT")) {
                    ins = new ZSet[] {inputDeltas.getOrDefault(inputTables[i], ZSet.empty())};
                } else {
                    ins = new ZSet[n.inputs().length];
                    for (int j = 0; j < ins.length; j++) {
                        ins[j] = outputs[n.inputs()[j]];
                    }
                }
                work.reset();
                work.chargeTo(budget, StepBudget.rowBytes(n.arity()));
                outputs[i] = operators[i].step(ins, work);
                last[i] = lastCounters(ins, outputs[i], work.count());
            }
            Map<String, ZSet> result = new LinkedHashMap<>();
            def.views().forEach((name, id) -> result.put(name, outputs[id]));
            def.tables().forEach((name, id) -> {
                TableState t = tableStates.get(name);
                if (t != null) {
                    t.integrate(outputs[id], undo);
                }
            });
            result.forEach((name, delta) -> {
                IntegratedZSet b = integrated.get(name);
                if (b != null) {
                    b.addAll(delta, 1, undo);
                }
            });
            if (undo != null) {
                undo.commit();
            }
            for (int k = 0; k < last.length; k++) {
                record(k, last[k]);
            }
            if (countStep) {
                steps++;
                deferredInitFailure = null;
            }
            return result;
        } catch (StepBudgetExceededException ex) {
            rollBack(ex);
            throw ex;
        } catch (RuntimeException ex) {
            rollBack(ex);
            if (i < nodes.size()) {
                NodeDef n = nodes.get(i);
                if (ex instanceof RowFailure rf) {
                    throw new CircuitStepException(i, n.kind(), n.label(), n.views(), rf.error(), rf.row());
                }
                throw new CircuitStepException(i, n.kind(), n.label(), n.views(), ex, null);
            }
            throw ex;
        } catch (Error ex) {
            poisoned = true;
            throw ex;
        }
    }

    /**
     * Undoes a failed step: every change the operators and the integrated snapshots recorded in the step's
     * {@link UndoLog} is reversed, newest first; step count and counters were not updated yet. So a step is a
     * transaction, and a failed one costs only the reversal of what it changed. (A full copy of the state
     * before every step would cost O(state) on the success path; evaluating first and integrating after would
     * need every stateful operator to compute against its old state plus an overlay of the delta, copying the
     * accumulators of the groups it touches, e.g. a MIN over a large group.) Recording costs one entry per state
     * change of the step. Only a one-shot instance (no undo log) or a failure of the rollback itself (an
     * {@link Error}, e.g. out of memory) poisons the instance.
     */
    private void rollBack(RuntimeException cause) {
        if (undo == null) {
            poisoned = true;
            return;
        }
        try {
            undo.rollback();
        } catch (RuntimeException | Error e) {
            poisoned = true;
            cause.addSuppressed(e);
        }
    }

    /** Rejects rows of the wrong arity or with values not in the engine representation of the column type. */
    private static void validate(String table, List<SqlType> types, ZSet z) {
        for (int i = 0; i < z.size(); i++) {
            Row r = z.row(i);
            if (r.size() != types.size()) {
                throw new IllegalArgumentException("table " + table + " expects " + types.size()
                        + " columns, got row " + r);
            }
            for (int c = 0; c < types.size(); c++) {
                String problem = ValueChecks.problem(r.get(c), types.get(c));
                if (problem != null) {
                    throw new IllegalArgumentException("table " + table + " column " + c + ": " + problem + " in row " + r);
                }
            }
        }
    }


    /** This step's counters of one operator (rows in, rows out, work), applied by {@link #record} once the step succeeded. */
    private static long[] lastCounters(ZSet[] ins, ZSet out, long work) {
        long in = 0;
        for (ZSet z : ins) {
            in += z.size();
        }
        return new long[] {in, out.size(), work};
    }

    private void record(int i, long[] last) {
        long[] c = counters[i];
        c[IN] = last[0];
        c[OUT] = last[1];
        c[WORK] = last[2];
        c[TOTAL_IN] += last[0];
        c[TOTAL_OUT] += last[1];
        c[TOTAL_WORK] += last[2];
    }

    /** The integrated contents of a table or materialized view. */
    public ZSet snapshot(String name) {
        checkUsable();
        IntegratedZSet b = integrated.get(name);
        if (b == null) {
            throw new IllegalArgumentException(name + (integrate ? " is not a table or materialized view"
                    : " has no snapshot in a one-shot circuit"));
        }
        return b.build();
    }

    /**
     * An estimate of the heap this instance's state takes, in bytes (what the runner reports as
     * {@code estimated_state_bytes}): the hash tables of the integrated tables and materialized views with the
     * rows they hold ({@link RowSizes#rowBytes}; a view whose rows are a table's rows, passed through filters
     * only, counts its table only), plus every operator's state entries at
     * {@link Operator#ESTIMATED_BYTES_PER_ENTRY} each. Cheap: maintained while stepping, not walked.
     */
    public long estimatedStateBytes() {
        checkUsable();
        long bytes = 0;
        for (Map.Entry<String, IntegratedZSet> e : integrated.entrySet()) {
            IntegratedZSet z = e.getValue();
            bytes += z.tableBytes();
            if (!rowsOfATable(e.getKey())) {
                bytes += z.rowBytes();
            }
        }
        for (Operator o : operators) {
            bytes += o.stateSize() * Operator.ESTIMATED_BYTES_PER_ENTRY;
        }
        return bytes;
    }

    /** True when {@code view} is a materialized view whose rows are the very rows of an integrated table. */
    private boolean rowsOfATable(String view) {
        Integer id = def.views().get(view);
        if (id == null) {
            return false;
        }
        List<NodeDef> nodes = def.nodes();
        int n = id;
        while (nodes.get(n).kind().equals("OUTPUT") || nodes.get(n).kind().equals("FILTER")) {
            n = nodes.get(n).inputs()[0];
        }
        return nodes.get(n).kind().equals("INPUT") && integrated.containsKey(inputTables[n]);
    }

    /** Counters of every operator, in node order. */
    public List<OperatorCounters> counters() {
        List<OperatorCounters> out = new ArrayList<>();
        List<NodeDef> nodes = def.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            NodeDef n = nodes.get(i);
            long[] c = counters[i];
            out.add(new OperatorCounters(i, n.kind(), n.label(), n.views(), c[IN], c[OUT], c[WORK],
                    c[TOTAL_IN], c[TOTAL_OUT], c[TOTAL_WORK], operators[i].stateSize()));
        }
        return out;
    }

    /** The runtime operators, in node order (for tests in this package). */
    List<Operator> operators() {
        return List.of(operators);
    }

    /** Number of successful steps so far. */
    public long steps() {
        return steps;
    }

    /** True after a step that could not be rolled back (see {@link #step(Map, StepBudget)}); the instance must then be discarded. */
    public boolean isPoisoned() {
        return poisoned;
    }

    private void checkUsable() {
        if (poisoned) {
            throw new IllegalStateException("circuit is poisoned by a failed step; create a new instance");
        }
    }
}
