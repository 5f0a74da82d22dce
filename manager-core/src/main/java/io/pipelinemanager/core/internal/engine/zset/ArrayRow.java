package io.pipelinemanager.core.internal.engine.zset;

import java.util.Arrays;

/**
 * The default {@link Row}: an array of values with a cached hash. Never mutate the array. The hash is
 * cached like {@code String}'s: one plain field written after computing it, so a thread that reads
 * it unsynchronised sees either 0 (and computes the same value again) or the complete hash; a row
 * whose hash is 0 recomputes it each time.
 */
public final class ArrayRow implements Row {
    /** The row with no columns. */
    public static final ArrayRow EMPTY = new ArrayRow(new Object[0]);

    private final Object[] values;
    /** The cached hash; 0 until computed. */
    private int hash;

    /** Wraps (does not copy) the values; the caller must not modify the array afterwards. */
    public ArrayRow(Object[] values) {
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object get(int i) {
        return values[i];
    }

    /** A copy of the values. */
    public Object[] toArray() {
        return values.clone();
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Rows.hash(this);
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Row)) {
            return false;
        }
        if (o instanceof ArrayRow other) {
            int h = hash;
            int oh = other.hash;
            if (h != 0 && oh != 0 && h != oh) {
                return false;
            }
        }
        return Rows.equal(this, (Row) o);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
