package io.pipelinemanager.core.internal.engine;

import java.util.Arrays;

/** What a circuit knows of an input table beyond its types: its primary key columns and column defaults. */
record TableKeys(int[] key, ColumnDefault[] defaults) {

    TableKeys(int arity, int[] key, ColumnDefault[] defaults) {
        this(check(arity, key), defaults == null ? new ColumnDefault[arity] : checkDefaults(arity, defaults));
    }

    private static int[] check(int arity, int[] key) {
        int[] k = key == null ? new int[0] : key.clone();
        for (int c : k) {
            if (c < 0 || c >= arity) {
                throw new IllegalArgumentException("key column " + c + " outside a row of " + arity);
            }
        }
        if (Arrays.stream(k).distinct().count() != k.length) {
            throw new IllegalArgumentException("key column repeated in " + Arrays.toString(k));
        }
        return k;
    }

    private static ColumnDefault[] checkDefaults(int arity, ColumnDefault[] defaults) {
        if (defaults.length != arity) {
            throw new IllegalArgumentException(defaults.length + " defaults for " + arity + " columns");
        }
        return defaults.clone();
    }

    @Override
    public int[] key() {
        return key.clone();
    }

    @Override
    public ColumnDefault[] defaults() {
        return defaults.clone();
    }

    /** True when the table has a primary key. */
    boolean keyed() {
        return key.length > 0;
    }
}
