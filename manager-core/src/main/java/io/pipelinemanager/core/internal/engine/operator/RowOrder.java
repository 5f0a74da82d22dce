package io.pipelinemanager.core.internal.engine.operator;

import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.Comparator;
import java.util.List;

/** Orders rows by SQL sort keys (direction, NULLS FIRST/LAST), then by all columns as a tie-break. */
public final class RowOrder implements Comparator<Row> {
    private final SortKey[] keys;

    /** An order by {@code keys}. */
    public RowOrder(List<SortKey> keys) {
        this.keys = keys.toArray(new SortKey[0]);
    }

    @Override
    public int compare(Row a, Row b) {
        for (SortKey k : keys) {
            int c = compareKey(a.get(k.column()), b.get(k.column()), k);
            if (c != 0) {
                return c;
            }
        }
        for (int i = 0, n = Math.min(a.size(), b.size()); i < n; i++) {
            int c = Values.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Compares two values of one sort key. */
    public static int compareKey(Object x, Object y, SortKey k) {
        if (x == null || y == null) {
            if (x == y) {
                return 0;
            }
            return (x == null) == k.nullsFirst() ? -1 : 1;
        }
        int c = Values.compare(x, y);
        return k.descending() ? -c : c;
    }
}
