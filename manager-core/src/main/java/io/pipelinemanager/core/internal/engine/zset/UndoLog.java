package io.pipelinemanager.core.internal.engine.zset;

import java.util.Arrays;

/**
 * The undo log of one circuit step: every change a step makes to operator state, traces and integrated
 * snapshots is recorded here as its inverse, right after the change succeeded; if the step then fails,
 * {@link #rollback()} applies the inverses newest first and the state is again what it was before the step.
 *
 * <p>Why a log and not a copy: a step touches a few entries of state that may hold millions, so recording
 * what it touched costs O(changes) and copying would cost O(state). Most state is Z-sets (traces, integrated
 * inputs, counts), whose change is an addition of a weight and whose inverse is adding the negated weight;
 * non-Z-set state (a flag, a replaced window, a group that was created or dropped) records its own inverse.
 * Entries are four references and a long in parallel arrays, so recording allocates nothing per change
 * beyond amortised array growth; {@link #commit()} forgets them.
 *
 * <p>A rollback restores state equal to the state before the step as the engine compares values: rows and
 * values are equal by SQL value ({@code 1.5 = 1.50}), so a value deleted and restored may come back in the
 * representation the failed step's input carried.
 */
public final class UndoLog {

    /** The inverse of one change: a function of the recorded target, two objects and a weight. */
    @FunctionalInterface
    public interface Undo {
        /** Reverses the change recorded with these arguments. */
        void undo(Object target, Object a, Object b, long w);
    }

    private static final int INITIAL = 64;
    /** Capacity kept after a commit; a larger log (a bulk step) is released. */
    private static final int RETAINED = 1 << 14;
    private static final Undo ADD = (t, row, unused, w) -> ((ZSetBuilder) t).add((Row) row, -w);

    private Undo[] undos = new Undo[INITIAL];
    private Object[] targets = new Object[INITIAL];
    private Object[] as = new Object[INITIAL];
    private Object[] bs = new Object[INITIAL];
    private long[] ws = new long[INITIAL];
    private int size;
    private long epoch = 1;

    /** Records the inverse {@code undo(target, a, b, w)} of a change just made. */
    public void record(Undo undo, Object target, Object a, Object b, long w) {
        if (size == undos.length) {
            int n = size * 2;
            undos = Arrays.copyOf(undos, n);
            targets = Arrays.copyOf(targets, n);
            as = Arrays.copyOf(as, n);
            bs = Arrays.copyOf(bs, n);
            ws = Arrays.copyOf(ws, n);
        }
        undos[size] = undo;
        targets[size] = target;
        as[size] = a;
        bs[size] = b;
        ws[size] = w;
        size++;
    }

    /** Records that {@code weight} was added to {@code row} in {@code builder}. */
    public void added(ZSetBuilder builder, Row row, long weight) {
        record(ADD, builder, row, null, weight);
    }

    /**
     * A number that changes at every commit and rollback: state that saves a memento once per step compares
     * it with the number it saved last.
     */
    public long epoch() {
        return epoch;
    }

    /** Number of changes recorded since the last commit or rollback. */
    public int size() {
        return size;
    }

    /** The step succeeded: forgets the recorded changes. */
    public void commit() {
        clear();
    }

    /** The step failed: reverses every recorded change, newest first, and forgets them. */
    public void rollback() {
        try {
            for (int i = size - 1; i >= 0; i--) {
                undos[i].undo(targets[i], as[i], bs[i], ws[i]);
            }
        } finally {
            clear();
        }
    }

    private void clear() {
        if (undos.length > RETAINED) {
            undos = new Undo[INITIAL];
            targets = new Object[INITIAL];
            as = new Object[INITIAL];
            bs = new Object[INITIAL];
            ws = new long[INITIAL];
        } else {
            Arrays.fill(undos, 0, size, null);
            Arrays.fill(targets, 0, size, null);
            Arrays.fill(as, 0, size, null);
            Arrays.fill(bs, 0, size, null);
        }
        size = 0;
        epoch++;
    }
}
