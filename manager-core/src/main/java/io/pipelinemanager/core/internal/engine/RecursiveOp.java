package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.operator.Operator;
import io.pipelinemanager.core.internal.engine.operator.OperatorState;
import io.pipelinemanager.core.internal.engine.operator.Work;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.zset.IntegratedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import io.pipelinemanager.core.internal.engine.zset.ZSetView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive query ({@code WITH RECURSIVE r AS (seed UNION [ALL] step(r))}) evaluated to its fixed point.
 *
 * <p>Inputs: the delta of the seed term, then the deltas of the relations the recursive term reads besides
 * {@code r}. The recursive term is a nested circuit ({@code step}) whose input tables are {@code r}'s name and
 * those relations' names (in input order); its one view is the recursive term's output. Like PostgreSQL, the
 * fixed point is reached by iterating on a working table: {@code W0} = the seed, {@code W(i+1)} = step(W(i)),
 * each new working table added to the result; with UNION (not ALL) a row enters the working table only when
 * the result does not hold it yet. The recursive term is linear in {@code r} (the compiler checks), so
 * feeding the working table as a delta into the incremental nested circuit is exactly this iteration.
 *
 * <p>Incrementality across steps: the nested circuit lives on between steps. A step whose inputs only insert
 * continues the iteration from the current result (semi-naive: the work is proportional to what is new). A
 * step that deletes anything recomputes the fixed point from the integrated inputs on a fresh nested circuit
 * and emits new − old. At most {@code maxIterations} iterations per step: a recursion that does not reach
 * its fixed point (UNION ALL over a cycle) fails the step with a runtime error, which rolls it back.
 *
 * <p>Checkpoints hold the integrated inputs and the result; the nested circuit is derived state and rebuilt
 * (by a recomputation) at the first step after a restore or after a rolled-back step.
 */
public final class RecursiveOp implements Operator {
    private static final NestedReset RESET = new NestedReset();

    private final CircuitDefinition recursiveTerm;
    private final String recursiveName;
    private final List<String> inputNames;
    private final boolean all;
    private final int maxIterations;
    private final String viewName;
    private final IntegratedZSet seed = new IntegratedZSet();
    private final IntegratedZSet[] others;
    private final IntegratedZSet result = new IntegratedZSet();
    private Circuit nested;

    /**
     * @param recursiveTerm the nested circuit of the recursive term (tables: {@code recursiveName} and
     *                      {@code inputNames}; one view)
     * @param all           UNION ALL (bag) rather than UNION (set)
     * @param maxIterations the bound on iterations per step
     * @param viewName      the view's name, for the error message
     */
    public RecursiveOp(CircuitDefinition recursiveTerm, String recursiveName, List<String> inputNames, boolean all,
                       int maxIterations, String viewName) {
        this.recursiveTerm = recursiveTerm;
        this.recursiveName = recursiveName;
        this.inputNames = List.copyOf(inputNames);
        this.all = all;
        this.maxIterations = maxIterations;
        this.viewName = viewName;
        this.others = new IntegratedZSet[inputNames.size()];
        for (int i = 0; i < others.length; i++) {
            others[i] = new IntegratedZSet();
        }
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        boolean insertOnly = nested != null;
        for (ZSet in : inputs) {
            insertOnly &= nonNegative(in);
        }
        if (inputs[0].isEmpty() && allEmpty(inputs) && nested != null) {
            return ZSet.empty();
        }
        seed.addAll(inputs[0], 1, work.undo());
        Map<String, ZSet> otherDeltas = new HashMap<>();
        for (int i = 0; i < others.length; i++) {
            others[i].addAll(inputs[i + 1], 1, work.undo());
            otherDeltas.put(inputNames.get(i), inputs[i + 1]);
        }
        // the nested circuit is committed step by step on its own: if the outer step is rolled back, drop it
        if (work.undo() != null) {
            work.undo().record(RESET, this, null, null, 0);
        }
        if (insertOnly) {
            ZSetBuilder changes = new ZSetBuilder();
            iterate(inputs[0], otherDeltas, changes, work);
            return changes.build();
        }
        return recompute(work);
    }

    private ZSet recompute(Work work) {
        ZSet old = result.build();
        result.addAll(old, -1, work.undo());
        nested = recursiveTerm.instantiate();
        if (nested.initFailure() != null || nested.deferredInitFailure() != null) {
            throw unwrap(nested.initFailure() != null ? nested.initFailure() : nested.deferredInitFailure());
        }
        Map<String, ZSet> full = new HashMap<>();
        for (int i = 0; i < others.length; i++) {
            full.put(inputNames.get(i), others[i].build());
            work.add(others[i].size());
        }
        ZSetBuilder changes = new ZSetBuilder();
        ZSet initial = nested.initialContents().values().iterator().next();
        iterate(seed.build().plus(initial), full, changes, work);
        return changes.build().plus(old.negate());
    }

    /** Runs the iteration from candidate rows {@code first} plus what the other inputs' deltas produce. */
    private void iterate(ZSet first, Map<String, ZSet> otherDeltas, ZSetBuilder changes, Work work) {
        ZSet produced = stepNested(otherDeltas.isEmpty() ? Map.of() : otherDeltas);
        ZSet working = admit(first.plus(produced), changes, work);
        int iterations = 0;
        while (!working.isEmpty()) {
            if (++iterations > maxIterations) {
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "recursive view " + viewName
                        + " did not reach a fixed point within " + maxIterations + " iterations (UNION ALL over a cycle?)");
            }
            working = admit(stepNested(Map.of(recursiveName, working)), changes, work);
        }
    }

    private ZSet stepNested(Map<String, ZSet> deltas) {
        try {
            return nested.step(deltas).values().iterator().next();
        } catch (CircuitStepException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CircuitStepException e) {
        return e.getCause() instanceof SqlRuntimeException s ? s : e;
    }

    /** Adds candidate rows to the result; returns the next working table (what was added). */
    private ZSet admit(ZSet candidates, ZSetBuilder changes, Work work) {
        ZSetBuilder next = new ZSetBuilder();
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Row r = candidates.row(i);
            long w = candidates.weightAt(i);
            work.inc();
            if (all) {
                result.add(r, w, work.undo());
                next.add(r, w);
                changes.add(r, w);
            } else if (w > 0 && result.weight(r) == 0) {
                result.add(r, 1, work.undo());
                next.add(r, 1);
                changes.add(r, 1);
            } else if (w < 0) {
                // a linear recursive term fed inserts never retracts; stay correct if it does
                throw new IllegalStateException("recursive term of " + viewName + " retracted a row on inserts");
            }
        }
        return next.build();
    }

    private static boolean nonNegative(ZSet z) {
        for (int i = 0, n = z.size(); i < n; i++) {
            if (z.weightAt(i) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEmpty(ZSet[] inputs) {
        for (ZSet z : inputs) {
            if (!z.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** State: [the integrated seed, the result, a list of the integrated other inputs in input order]. */
    @Override
    public OperatorState captureState() {
        List<Object> rest = new ArrayList<>();
        for (IntegratedZSet o : others) {
            rest.add(o.snapshot());
        }
        return OperatorState.of(seed.snapshot(), result.snapshot(), rest);
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("RECURSIVE", 3);
        List<?> rest = state.list(2);
        if (rest.size() != others.length) {
            throw new IllegalArgumentException("state of RECURSIVE has " + rest.size() + " inputs, expected "
                    + others.length);
        }
        seed.addAll(state.zset(0), 1);
        result.addAll(state.zset(1), 1);
        for (int i = 0; i < others.length; i++) {
            others[i].addAll((ZSetView) rest.get(i), 1);
        }
        nested = null;
    }

    @Override
    public long stateSize() {
        long n = seed.size() + result.size();
        for (IntegratedZSet o : others) {
            n += o.size();
        }
        return n;
    }

    /** Undo entry: the nested circuit went ahead of a rolled-back step; rebuild it at the next step. */
    private static final class NestedReset implements UndoLog.Undo {
        @Override
        public void undo(Object target, Object a, Object b, long w) {
            ((RecursiveOp) target).nested = null;
        }
    }
}
