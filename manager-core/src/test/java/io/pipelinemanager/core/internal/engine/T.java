package io.pipelinemanager.core.internal.engine;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.engine.zset.ZSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: rows with Integer→Long conversion, Z-set literals, output integration. */
public final class T {
    public static final SqlType INT = SqlType.integer().asNullable();
    public static final SqlType BIGINT = SqlType.bigint().asNullable();
    public static final SqlType STR = SqlType.varchar(-1).asNullable();

    private T() {
    }

    /** A row; Integers become Longs. */
    public static Row row(Object... values) {
        Object[] v = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = values[i] instanceof Integer ? (Object) ((Integer) values[i]).longValue() : values[i];
        }
        return new ArrayRow(v);
    }

    /** Z-set from alternating (Row, Integer weight) pairs. */
    public static ZSet z(Object... rowWeightPairs) {
        ZSetBuilder b = new ZSetBuilder();
        for (int i = 0; i < rowWeightPairs.length; i += 2) {
            b.add((Row) rowWeightPairs[i], ((Number) rowWeightPairs[i + 1]).longValue());
        }
        return b.build();
    }

    /** Z-set with each row once. */
    public static ZSet rows(Row... rows) {
        return ZSet.ofRows(rows);
    }

    /** n nullable INTEGER columns. */
    public static List<SqlType> ints(int n) {
        return java.util.Collections.nCopies(n, INT);
    }

    /** Integrates view outputs over steps. */
    public static final class Integrator {
        private final Map<String, ZSetBuilder> views = new HashMap<>();

        /** Adds a step's outputs. */
        public Map<String, ZSet> add(Map<String, ZSet> out) {
            out.forEach((k, v) -> views.computeIfAbsent(k, x -> new ZSetBuilder()).addAll(v, 1));
            return out;
        }

        /** The integrated contents of a view. */
        public ZSet get(String view) {
            ZSetBuilder b = views.get(view);
            return b == null ? ZSet.empty() : b.build();
        }
    }
}
