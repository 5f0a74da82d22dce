package io.pipelinemanager.core.internal.engine.zset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable, consolidated Z-set: distinct rows, each with a non-zero signed weight. */
public final class ZSet implements ZSetView {
    private static final ZSet EMPTY = new ZSet(new Row[0], new long[0]);

    private final Row[] rows;
    private final long[] weights;
    private volatile Map<Row, Long> index;

    /** Package-private: arrays must already be consolidated. */
    ZSet(Row[] rows, long[] weights) {
        this.rows = rows;
        this.weights = weights;
    }

    /** The empty Z-set. */
    public static ZSet empty() {
        return EMPTY;
    }

    /** A Z-set of the given rows, each with weight +1 (duplicates add up). */
    public static ZSet ofRows(Row... rows) {
        ZSetBuilder b = new ZSetBuilder(rows.length);
        for (Row r : rows) {
            b.add(r, 1);
        }
        return b.build();
    }

    /** A Z-set of the given rows, each with weight +1 (duplicates add up). */
    public static ZSet ofRows(List<? extends Row> rows) {
        ZSetBuilder b = new ZSetBuilder(rows.size());
        for (Row r : rows) {
            b.add(r, 1);
        }
        return b.build();
    }

    /**
     * The first {@code n} entries of {@code rows} and {@code weights} (taken over, not copied) as a Z-set, without
     * consolidating: the caller guarantees distinct rows and non-zero weights, e.g. a subset of the entries of a
     * consolidated Z-set.
     */
    public static ZSet ofDistinct(Row[] rows, long[] weights, int n) {
        if (n == 0) {
            return EMPTY;
        }
        return n == rows.length && n == weights.length ? new ZSet(rows, weights)
                : new ZSet(java.util.Arrays.copyOf(rows, n), java.util.Arrays.copyOf(weights, n));
    }

    /** A Z-set with a single row of the given weight. */
    public static ZSet single(Row row, long weight) {
        return weight == 0 ? EMPTY : new ZSet(new Row[] {row}, new long[] {weight});
    }

    /** Number of distinct rows. */
    public int size() {
        return rows.length;
    }

    /** True when there are no rows. */
    public boolean isEmpty() {
        return rows.length == 0;
    }

    /** The row at position {@code i} (iteration order is unspecified but stable). */
    public Row row(int i) {
        return rows[i];
    }

    /** The weight at position {@code i}. */
    public long weightAt(int i) {
        return weights[i];
    }

    /** The weight of {@code row}, 0 if absent. */
    public long weight(Row row) {
        Map<Row, Long> idx = index;
        if (idx == null) {
            idx = new HashMap<>(rows.length * 2);
            for (int i = 0; i < rows.length; i++) {
                idx.put(rows[i], weights[i]);
            }
            index = idx;
        }
        Long w = idx.get(row);
        return w == null ? 0 : w;
    }

    @Override
    public long entryCount() {
        return rows.length;
    }

    @Override
    public ZSet toZSet() {
        return this;
    }

    /** Visits every (row, weight). */
    @Override
    public void forEach(WeightedRowConsumer c) {
        for (int i = 0; i < rows.length; i++) {
            c.accept(rows[i], weights[i]);
        }
    }

    /** Sum of all weights (the bag cardinality when all weights are positive). */
    public long totalWeight() {
        long t = 0;
        for (long w : weights) {
            t = Math.addExact(t, w);
        }
        return t;
    }

    /** This + other. */
    public ZSet plus(ZSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new ZSetBuilder(size() + other.size()).addAll(this, 1).addAll(other, 1).build();
    }

    /** −this. */
    public ZSet negate() {
        long[] neg = new long[weights.length];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = Math.negateExact(weights[i]);
        }
        return new ZSet(rows, neg);
    }

    /** The entries as an insertion-ordered map row → weight. */
    public Map<Row, Long> toMap() {
        Map<Row, Long> m = new LinkedHashMap<>();
        forEach(m::put);
        return m;
    }

    /** The rows expanded by positive weight (a bag); rows with negative weight are rejected. */
    public List<Row> toBag() {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalStateException("negative weight " + weights[i] + " for " + rows[i]);
            }
            out.addAll(Collections.nCopies((int) weights[i], rows[i]));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ZSet)) {
            return false;
        }
        ZSet z = (ZSet) o;
        if (z.size() != size()) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (z.weight(rows[i]) != weights[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < rows.length; i++) {
            h += rows[i].hashCode() ^ Long.hashCode(weights[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        forEach((r, w) -> parts.add(r + "→" + w));
        Collections.sort(parts);
        return "{" + String.join(", ", parts) + "}";
    }
}
