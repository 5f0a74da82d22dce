package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.aggregate.Accumulator;
import io.pipelinemanager.core.internal.engine.aggregate.Accumulators;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes window function values for one partition: rows are sorted (ties broken by the whole
 * row, so results are deterministic) and expanded by weight; aggregates slide a retractable
 * accumulator over the frame, so a partition of n rows costs O(n log n).
 */
final class WindowEvaluator {
    private final List<SortKey> order;
    private final RowOrder rowOrder;
    private final WindowCall[] calls;

    WindowEvaluator(List<SortKey> order, List<WindowCall> calls) {
        this.order = order;
        this.rowOrder = new RowOrder(order);
        this.calls = calls.toArray(new WindowCall[0]);
    }

    ZSet evaluate(ZSetBuilder partition) {
        List<Row> rows = new ArrayList<>();
        partition.forEach((r, w) -> {
            for (long i = 0; i < w; i++) {
                rows.add(r);
            }
        });
        rows.sort(rowOrder);
        int n = rows.size();
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        for (int i = 0; i < n; i++) {
            peerStart[i] = i > 0 && peers(rows.get(i - 1), rows.get(i)) ? peerStart[i - 1] : i;
        }
        for (int i = n - 1; i >= 0; i--) {
            peerEnd[i] = i < n - 1 && peers(rows.get(i), rows.get(i + 1)) ? peerEnd[i + 1] : i;
        }
        Object[][] results = new Object[calls.length][];
        for (int c = 0; c < calls.length; c++) {
            switch (calls[c].kind()) {
                case AGGREGATE: results[c] = aggregate(calls[c], rows, peerStart, peerEnd); break;
                case LAG:
                case LEAD: results[c] = lagLead(calls[c], rows); break;
                case FIRST_VALUE:
                case LAST_VALUE: results[c] = boundaryValue(calls[c], rows, peerStart, peerEnd); break;
                default: results[c] = rank(calls[c].kind(), peerStart);
            }
        }
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

    private boolean peers(Row a, Row b) {
        for (SortKey k : order) {
            if (RowOrder.compareKey(a.get(k.column()), b.get(k.column()), k) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Object[] rank(WindowCall.Kind kind, int[] peerStart) {
        Object[] out = new Object[peerStart.length];
        long dense = 0;
        for (int i = 0; i < peerStart.length; i++) {
            if (peerStart[i] == i) {
                dense++;
            }
            switch (kind) {
                case ROW_NUMBER: out[i] = (long) i + 1; break;
                case RANK: out[i] = (long) peerStart[i] + 1; break;
                default: out[i] = dense;
            }
        }
        return out;
    }

    private static Object[] lagLead(WindowCall call, List<Row> rows) {
        int n = rows.size();
        Object[] out = new Object[n];
        long step = call.kind() == WindowCall.Kind.LAG ? -call.offset() : call.offset();
        for (int i = 0; i < n; i++) {
            long j = i + step;
            if (j >= 0 && j < n) {
                out[i] = rows.get((int) j).get(call.arg());
            } else {
                out[i] = call.defaultArg() < 0 ? null : rows.get(i).get(call.defaultArg());
            }
        }
        return out;
    }

    private static Object[] boundaryValue(WindowCall call, List<Row> rows, int[] peerStart, int[] peerEnd) {
        int n = rows.size();
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            int j = call.kind() == WindowCall.Kind.FIRST_VALUE ? lower(call.frame(), i, peerStart)
                    : upper(call.frame(), i, n, peerEnd);
            out[i] = rows.get(j).get(call.arg());
        }
        return out;
    }

    private static int lower(WindowFrame f, int i, int[] peerStart) {
        return f.lowerUnbounded() ? 0 : f.rows() ? (int) Math.max(0, i - f.lowerOffset()) : peerStart[i];
    }

    private static int upper(WindowFrame f, int i, int n, int[] peerEnd) {
        return f.upperUnbounded() ? n - 1 : f.rows() ? (int) Math.min(n - 1, i + f.upperOffset()) : peerEnd[i];
    }

    private static Object[] aggregate(WindowCall call, List<Row> rows, int[] peerStart, int[] peerEnd) {
        WindowFrame f = call.frame();
        int n = rows.size();
        Object[] out = new Object[n];
        Accumulator acc = Accumulators.create(call.aggregate());
        int lo = 0;
        int hi = -1;
        for (int i = 0; i < n; i++) {
            int wantLo = lower(f, i, peerStart);
            int wantHi = upper(f, i, n, peerEnd);
            while (hi < wantHi) {
                acc.add(rows.get(++hi), 1);
            }
            while (lo < wantLo) {
                if (lo <= hi) {
                    acc.add(rows.get(lo), -1);
                }
                lo++;
            }
            out[i] = acc.result();
        }
        return out;
    }
}
