package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.IndexedZSet;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import io.pipelinemanager.core.internal.engine.zset.UndoLog;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ASOF join: every left row joined with at most one right row of equal keys — the one whose match column is
 * closest to the left row's in the direction of the match condition ({@code left.t >= right.t}: the latest right
 * row not after it; {@code >}, {@code <=}, {@code <} alike); among right rows with that same value the greatest
 * row (all columns) is chosen, so the answer is deterministic. NULL keys and NULL match values never match.
 * An outer ASOF join pads unmatched left rows with NULLs. Output = left ++ right columns, one row per left row
 * (duplicates of a right row count once). Both inputs are kept integrated by key; a step recomputes the
 * output of the keys it touches and emits −old/+new for them.
 */
public final class AsofJoinOp implements Operator {

    /** The comparison of the match condition, written {@code left.column OP right.column}. */
    public enum Comparison {
        GREATER_EQUAL, GREATER, LESS_EQUAL, LESS
    }

    private final int[] leftKeys;
    private final int[] rightKeys;
    private final int leftColumn;
    private final int rightColumn;
    private final Comparison comparison;
    private final boolean outer;
    private final int rightArity;
    private final IndexedZSet left = new IndexedZSet();
    private final IndexedZSet right = new IndexedZSet();
    private final HashMap<Row, ZSet> outputs = new HashMap<>();
    private long outputSize;
    private final UndoLog.Undo restoreOutput = (t, key, old, unused) -> {
        if (old == null) {
            outputs.remove(key);
        } else {
            outputs.put((Row) key, (ZSet) old);
        }
    };
    private final UndoLog.Undo restoreOutputSize = (t, a, b, size) -> outputSize = size;

    /** An ASOF join on equal {@code leftKeys}/{@code rightKeys} with {@code left[leftColumn] comparison right[rightColumn]}. */
    public AsofJoinOp(int[] leftKeys, int[] rightKeys, int leftColumn, int rightColumn, Comparison comparison,
                      boolean outer, int rightArity) {
        if (leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("left and right keys differ in number");
        }
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.leftColumn = leftColumn;
        this.rightColumn = rightColumn;
        this.comparison = comparison;
        this.outer = outer;
        this.rightArity = rightArity;
    }

    @Override
    public ZSet step(ZSet[] inputs, Work work) {
        UndoLog undo = work.undo();
        if (undo != null && !(inputs[0].isEmpty() && inputs[1].isEmpty())) {
            undo.record(restoreOutputSize, null, null, null, outputSize);
        }
        Set<Row> touched = new LinkedHashSet<>();
        integrate(inputs[0], leftKeys, left, touched, work);
        integrate(inputs[1], rightKeys, right, touched, work);
        ZSetBuilder out = new ZSetBuilder();
        for (Row key : touched) {
            ZSet old = outputs.remove(key);
            if (old != null) {
                if (undo != null) {
                    undo.record(restoreOutput, null, key, old, 0);
                }
                out.addAll(old, -1);
                outputSize -= old.size();
            }
            ZSetBuilder lefts = left.probe(key);
            if (lefts != null) {
                ZSet now = join(key, lefts, right.probe(key), work);
                if (!now.isEmpty()) {
                    outputs.put(key, now);
                    if (undo != null) {
                        undo.record(restoreOutput, null, key, null, 0);
                    }
                    outputSize += now.size();
                    out.addAll(now, 1);
                }
            }
        }
        return out.build();
    }

    private static void integrate(ZSet delta, int[] keys, IndexedZSet trace, Set<Row> touched, Work work) {
        for (int i = 0; i < delta.size(); i++) {
            Row key = Rows.project(delta.row(i), keys);
            trace.add(key, delta.row(i), delta.weightAt(i), work.undo());
            touched.add(key);
            work.inc();
        }
    }

    private ZSet join(Row key, ZSetBuilder lefts, ZSetBuilder rights, Work work) {
        List<Row> candidates = new ArrayList<>();
        if (rights != null && !Rows.anyNull(key, allColumns(key.size()))) {
            rights.forEach((r, w) -> {
                if (w > 0 && r.get(rightColumn) != null) {
                    candidates.add(r);
                }
            });
        }
        Comparator<Row> byMatchValue = (a, b) -> Values.compare(a.get(rightColumn), b.get(rightColumn));
        candidates.sort(byMatchValue.thenComparing(new RowOrder(List.of())));
        work.add(lefts.size() + candidates.size());
        Row padding = Rows.nulls(rightArity);
        ZSetBuilder out = new ZSetBuilder(lefts.size());
        lefts.forEach((l, w) -> {
            if (w <= 0) {
                return;
            }
            Row match = match(l.get(leftColumn), candidates);
            if (match != null) {
                out.add(Rows.concat(l, match), w);
            } else if (outer) {
                out.add(Rows.concat(l, padding), w);
            }
        });
        return out.build();
    }

    /** The chosen right row for a left value (candidates sorted by match value, then by row). */
    private Row match(Object value, List<Row> candidates) {
        if (value == null || candidates.isEmpty()) {
            return null;
        }
        // index of the first candidate whose value is > value (or >= value for a strict "left > right")
        boolean strictBelow = comparison == Comparison.GREATER || comparison == Comparison.LESS_EQUAL;
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Values.compare(candidates.get(mid).get(rightColumn), value);
            if (strictBelow ? c < 0 : c <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int index;
        if (comparison == Comparison.GREATER_EQUAL || comparison == Comparison.GREATER) {
            index = lo - 1; // the last candidate at or below (strictly below) the value
        } else {
            if (lo >= candidates.size()) {
                return null;
            }
            // the first candidate at or above (strictly above) the value, then the greatest row with that value
            index = lo;
            Object chosen = candidates.get(index).get(rightColumn);
            while (index + 1 < candidates.size()
                    && Values.compare(candidates.get(index + 1).get(rightColumn), chosen) == 0) {
                index++;
            }
        }
        return index < 0 ? null : candidates.get(index);
    }

    private static int[] allColumns(int n) {
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            columns[i] = i;
        }
        return columns;
    }

    @Override
    public OperatorState captureState() {
        return OperatorState.of(left.snapshot(), right.snapshot());
    }

    @Override
    public void restoreState(OperatorState state) {
        state.expect("ASOF_JOIN", 2);
        state.zset(0).forEach((r, w) -> left.add(Rows.project(r, leftKeys), r, w));
        state.zset(1).forEach((r, w) -> right.add(Rows.project(r, rightKeys), r, w));
        Work work = new Work();
        left.forEachGroup((key, lefts) -> {
            ZSet now = join(key, lefts, right.probe(key), work);
            if (!now.isEmpty()) {
                outputs.put(key, now);
                outputSize += now.size();
            }
        });
    }

    @Override
    public long stateSize() {
        return left.size() + right.size() + outputSize;
    }
}
