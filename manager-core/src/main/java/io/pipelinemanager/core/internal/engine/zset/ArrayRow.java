package io.pipelinemanager.core.internal.engine.zset;

import java.util.Arrays;

/** The default {@link Row}: an array of values with a cached hash. Never mutate the array. */
public final class ArrayRow implements Row {
    /** The row with no columns. */
    public static final ArrayRow EMPTY = new ArrayRow(new Object[0]);

    private final Object[] values;
    private int hash;
    private boolean hashed;

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
        if (!hashed) {
            hash = Rows.hash(this);
            hashed = true;
        }
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Row)) {
            return false;
        }
        if (o instanceof ArrayRow && hashed && ((ArrayRow) o).hashed && hash != ((ArrayRow) o).hash) {
            return false;
        }
        return Rows.equal(this, (Row) o);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
