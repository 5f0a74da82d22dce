package io.pipelinemanager.core.internal.engine.zset;

import io.pipelinemanager.core.internal.engine.type.Values;

/** Helpers to build, compare and reshape rows. */
public final class Rows {
    private Rows() {
    }

    /** A row of the given values (copied). */
    public static Row of(Object... values) {
        return new ArrayRow(values.clone());
    }

    /** Row equality by {@link Values#equal} per column. */
    public static boolean equal(Row a, Row b) {
        int n = a.size();
        if (n != b.size()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Values.equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Row hash by {@link Values#hash} per column. */
    public static int hash(Row r) {
        int h = 1;
        for (int i = 0, n = r.size(); i < n; i++) {
            h = 31 * h + Values.hash(r.get(i));
        }
        return h;
    }

    /** The columns {@code cols} of {@code r}, in that order. */
    public static Row project(Row r, int[] cols) {
        Object[] out = new Object[cols.length];
        for (int i = 0; i < cols.length; i++) {
            out[i] = r.get(cols[i]);
        }
        return new ArrayRow(out);
    }

    /** Concatenation of two rows. */
    public static Row concat(Row a, Row b) {
        int na = a.size();
        int nb = b.size();
        Object[] out = new Object[na + nb];
        for (int i = 0; i < na; i++) {
            out[i] = a.get(i);
        }
        for (int i = 0; i < nb; i++) {
            out[na + i] = b.get(i);
        }
        return new ArrayRow(out);
    }

    /** A row of {@code n} NULLs. */
    public static Row nulls(int n) {
        return new ArrayRow(new Object[n]);
    }

    /** True when any of the columns {@code cols} of {@code r} is NULL. */
    public static boolean anyNull(Row r, int[] cols) {
        for (int c : cols) {
            if (r.get(c) == null) {
                return true;
            }
        }
        return false;
    }
}
