package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.Accumulator;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulators;
import io.pipelinemanager.core.internal.engine.expr.Casts;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes window function values for one partition: rows are sorted (ties broken by the whole
 * row, so results are deterministic) and expanded by weight; every frame becomes a pair of row
 * indexes per row (binary search for RANGE offsets), and aggregates slide a retractable accumulator
 * over those monotone frames, so a partition of n rows costs O(n log n).
 */
final class WindowEvaluator {
    private final List<SortKey> order;
    private final RowOrder rowOrder;
    private final WindowCall[] calls;

    WindowEvaluator(List<SortKey> order, List<WindowCall> calls) {
        this.order = order;
        this.rowOrder = new RowOrder(order);
        this.calls = calls.toArray(new WindowCall[0]);
        for (WindowCall call : this.calls) {
            if (call.frame() != null && call.frame().hasRangeOffset() && order.size() != 1) {
                throw new IllegalArgumentException("RANGE frames with offsets need exactly one ORDER BY key");
            }
        }
    }

    ZSet evaluate(ZSetBuilder partition) {
        List<Row> rows = new ArrayList<>();
        partition.forEach((r, w) -> {
            for (long i = 0; i < w; i++) {
                rows.add(r);
            }
        });
        rows.sort(rowOrder);
        Partition p = new Partition(rows);
        Object[][] results = new Object[calls.length][];
        Map<WindowFrame, int[][]> frames = new HashMap<>();
        for (int c = 0; c < calls.length; c++) {
            WindowCall call = calls[c];
            int[][] frame = call.frame() == null ? null : frames.computeIfAbsent(call.frame(), f -> p.frame(f));
            Object[] values = switch (call.kind()) {
                case AGGREGATE -> aggregate(call, rows, frame, p);
                case LAG, LEAD -> lagLead(call, rows);
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frameValue(call, rows, frame, p);
                case NTILE -> ntile(call.offset(), rows.size());
                case NULL -> new Object[rows.size()];
                case SESSION_START, SESSION_END -> session(call, rows);
                default -> p.rank(call.kind());
            };
            if (call.resultType() != null) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Casts.cast(values[i], call.resultType());
                }
            }
            results[c] = values;
        }
        int n = rows.size();
        ZSetBuilder out = new ZSetBuilder(n);
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            Object[] values = new Object[r.size() + calls.length];
            for (int k = 0; k < r.size(); k++) {
                values[k] = r.get(k);
            }
            for (int c = 0; c < calls.length; c++) {
                values[r.size() + c] = results[c][i];
            }
            out.add(new ArrayRow(values), 1);
        }
        return out.build();
    }

    /** One sorted partition with its peer groups. */
    private final class Partition {
        final List<Row> rows;
        final int n;
        final int[] peerStart;
        final int[] peerEnd;

        Partition(List<Row> rows) {
            this.rows = rows;
            this.n = rows.size();
            peerStart = new int[n];
            peerEnd = new int[n];
            for (int i = 0; i < n; i++) {
                peerStart[i] = i > 0 && peers(rows.get(i - 1), rows.get(i)) ? peerStart[i - 1] : i;
            }
            for (int i = n - 1; i >= 0; i--) {
                peerEnd[i] = i < n - 1 && peers(rows.get(i), rows.get(i + 1)) ? peerEnd[i + 1] : i;
            }
        }

        Object[] rank(WindowCall.Kind kind) {
            Object[] out = new Object[n];
            long dense = 0;
            for (int i = 0; i < n; i++) {
                if (peerStart[i] == i) {
                    dense++;
                }
                out[i] = switch (kind) {
                    case ROW_NUMBER -> (long) i + 1;
                    case RANK -> (long) peerStart[i] + 1;
                    case DENSE_RANK -> dense;
                    case PERCENT_RANK -> n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
                    case CUME_DIST -> (double) (peerEnd[i] + 1) / n;
                    default -> throw new IllegalStateException("not a ranking function: " + kind);
                };
            }
            return out;
        }

        /** Whether row {@code k} is left out of row {@code i}'s frame by the EXCLUDE clause. */
        boolean excluded(WindowFrame.Exclusion exclusion, int i, int k) {
            return switch (exclusion) {
                case NO_OTHERS -> false;
                case CURRENT_ROW -> k == i;
                case GROUP -> k >= peerStart[i] && k <= peerEnd[i];
                case TIES -> k != i && k >= peerStart[i] && k <= peerEnd[i];
            };
        }

        /** The accumulator's result for rows [lo, hi) without the rows the EXCLUDE clause leaves out of row i's frame. */
        Object resultExcluding(Accumulator acc, WindowFrame.Exclusion exclusion, int i, int lo, int hi) {
            if (exclusion == WindowFrame.Exclusion.NO_OTHERS) {
                return acc.result();
            }
            int from = Math.max(lo, exclusion == WindowFrame.Exclusion.CURRENT_ROW ? i : peerStart[i]);
            int to = Math.min(hi - 1, exclusion == WindowFrame.Exclusion.CURRENT_ROW ? i : peerEnd[i]);
            for (int k = from; k <= to; k++) {
                if (excluded(exclusion, i, k)) {
                    acc.add(rows.get(k), -1);
                }
            }
            Object result = acc.result();
            for (int k = from; k <= to; k++) {
                if (excluded(exclusion, i, k)) {
                    acc.add(rows.get(k), 1);
                }
            }
            return result;
        }

        /** For every row, the first and last index of its frame (first &gt; last: empty frame). */
        int[][] frame(WindowFrame f) {
            int[] first = new int[n];
            int[] last = new int[n];
            for (int i = 0; i < n; i++) {
                first[i] = (int) Math.max(0, bound(f, f.lower(), i, true));
                last[i] = (int) Math.min(n - 1, bound(f, f.upper(), i, false));
            }
            return new int[][] {first, last};
        }

        private long bound(WindowFrame f, WindowFrame.Bound b, int i, boolean lower) {
            switch (b.kind()) {
                case UNBOUNDED_PRECEDING: return 0;
                case UNBOUNDED_FOLLOWING: return n - 1;
                case CURRENT_ROW: return f.rows() ? i : lower ? peerStart[i] : peerEnd[i];
                default:
                    boolean preceding = b.kind() == WindowFrame.BoundKind.PRECEDING;
                    if (f.rows()) {
                        long k = (Long) b.offset();
                        return preceding ? i - k : i + k;
                    }
                    return rangeBound(b, i, lower, preceding);
            }
        }

        /** RANGE offset bound: rows whose key is within the offset; a NULL key's frame ends at its peers. */
        private long rangeBound(WindowFrame.Bound b, int i, boolean lower, boolean preceding) {
            SortKey key = order.get(0);
            Object v = rows.get(i).get(key.column());
            if (v == null) {
                return lower ? peerStart[i] : peerEnd[i];
            }
            boolean subtract = preceding != key.descending();
            Object limit = RangeOffsets.shift(v, b.offset(), b.offsetType(), subtract);
            if (limit == null) {
                // beyond the representable range: the whole non-NULL part of the partition qualifies
                return lower ? (subtract ? firstNonNull(key) : n) : (subtract ? -1 : lastNonNull(key));
            }
            // keys are sorted, so "key within limit" is monotone: binary search its boundary
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = RowOrder.compareKey(RangeOffsets.comparable(rows.get(mid).get(key.column())), limit, key);
                if (lower ? c < 0 : c <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lower ? lo : lo - 1;
        }

        private int firstNonNull(SortKey key) {
            int i = 0;
            while (i < n && rows.get(i).get(key.column()) == null) {
                i++;
            }
            return i;
        }

        private int lastNonNull(SortKey key) {
            int i = n - 1;
            while (i >= 0 && rows.get(i).get(key.column()) == null) {
                i--;
            }
            return i;
        }
    }

    private boolean peers(Row a, Row b) {
        for (SortKey k : order) {
            if (RowOrder.compareKey(a.get(k.column()), b.get(k.column()), k) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Session bounds over rows sorted by their one (non-NULL timestamp) ORDER BY key. */
    private Object[] session(WindowCall call, List<Row> rows) {
        int column = order.get(0).column();
        int n = rows.size();
        Object[] out = new Object[n];
        long gap = call.offset();
        int first = 0;
        for (int i = 1; i <= n; i++) {
            long previous = TimeWindows.millis((LocalDateTime) rows.get(i - 1).get(column));
            if (i == n || TimeWindows.millis((LocalDateTime) rows.get(i).get(column)) - previous >= gap) {
                Object bound = call.kind() == WindowCall.Kind.SESSION_START
                        ? TimeWindows.timestamp(TimeWindows.millis((LocalDateTime) rows.get(first).get(column)))
                        : TimeWindows.timestamp(previous + gap);
                for (int j = first; j < i; j++) {
                    out[j] = bound;
                }
                first = i;
            }
        }
        return out;
    }

    /** NTILE: buckets as equal as possible, the first ones one row larger (as PostgreSQL does). */
    private static Object[] ntile(long buckets, int n) {
        Object[] out = new Object[n];
        long size = n / buckets;
        long larger = n % buckets;
        long boundary = (size + 1) * larger;
        for (int i = 0; i < n; i++) {
            out[i] = i < boundary ? i / (size + 1) + 1 : (i - boundary) / size + larger + 1;
        }
        return out;
    }

    private static Object[] lagLead(WindowCall call, List<Row> rows) {
        int n = rows.size();
        Object[] out = new Object[n];
        long offset = call.offset();
        boolean outside = offset > n || offset < -n;
        long step = call.kind() == WindowCall.Kind.LAG ? -offset : offset;
        for (int i = 0; i < n; i++) {
            long j = outside ? -1 : i + step;
            if (j >= 0 && j < n) {
                out[i] = rows.get((int) j).get(call.arg());
            } else {
                out[i] = call.defaultArg() < 0 ? null : rows.get(i).get(call.defaultArg());
            }
        }
        return out;
    }

    private static Object[] frameValue(WindowCall call, List<Row> rows, int[][] frame, Partition p) {
        int n = rows.size();
        Object[] out = new Object[n];
        WindowFrame.Exclusion exclusion = call.frame().exclusion();
        for (int i = 0; i < n; i++) {
            int first = frame[0][i];
            int last = frame[1][i];
            int j = -1;
            if (exclusion == WindowFrame.Exclusion.NO_OTHERS) {
                long k = switch (call.kind()) {
                    case FIRST_VALUE -> first;
                    case LAST_VALUE -> last;
                    default -> first + call.offset() - 1;
                };
                j = k <= last ? (int) k : -1;
            } else if (call.kind() == WindowCall.Kind.LAST_VALUE) {
                for (int k = last; k >= first && j < 0; k--) {
                    j = p.excluded(exclusion, i, k) ? -1 : k;
                }
            } else {
                long wanted = call.kind() == WindowCall.Kind.FIRST_VALUE ? 1 : call.offset();
                for (int k = first; k <= last && j < 0; k++) {
                    if (!p.excluded(exclusion, i, k) && --wanted == 0) {
                        j = k;
                    }
                }
            }
            out[i] = first <= last && j >= 0 ? rows.get(j).get(call.arg()) : null;
        }
        return out;
    }

    private static Object[] aggregate(WindowCall call, List<Row> rows, int[][] frame, Partition p) {
        int n = rows.size();
        Object[] out = new Object[n];
        Accumulator acc = Accumulators.create(call.aggregate());
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < n; i++) {
            int first = frame[0][i];
            int end = Math.max(first, frame[1][i] + 1);
            if (first < lo || end < hi) {
                // frames only move forward, except where a NULL key's peers end an offset frame: start over
                acc = Accumulators.create(call.aggregate());
                lo = first;
                hi = first;
            }
            while (lo < first) {
                if (lo < hi) {
                    acc.add(rows.get(lo), -1);
                }
                lo++;
            }
            hi = Math.max(hi, lo);
            while (hi < end) {
                acc.add(rows.get(hi++), 1);
            }
            out[i] = p.resultExcluding(acc, call.frame().exclusion(), i, lo, hi);
        }
        return out;
    }
}
