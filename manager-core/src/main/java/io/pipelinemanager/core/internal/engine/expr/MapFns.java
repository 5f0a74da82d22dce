package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * MAP values (Calcite's and Feldera's maps): the {@code MAP[k1, v1, k2, v2, ...]} constructor (a repeated key
 * keeps its last value, a NULL key is a runtime error), {@code m[k]} (NULL when absent), {@code CARDINALITY},
 * {@code MAP_KEYS}, {@code MAP_VALUES} and entry-wise casts.
 */
final class MapFns {
    private MapFns() {
    }

    /** {@code MAP[k1, v1, ...]}: never NULL itself; keys and values coerced to the map's types. */
    record Constructor(Expr[] operands, SqlType type) implements Expr {
        @Override
        public Object eval(Row row) {
            List<Object> keys = new ArrayList<>(operands.length / 2);
            List<Object> values = new ArrayList<>(operands.length / 2);
            for (int i = 0; i + 1 < operands.length; i += 2) {
                keys.add(Casts.coerce(operands[i].eval(row), type.keyType()));
                values.add(Casts.coerce(operands[i + 1].eval(row), type.valueType()));
            }
            return MapValue.of(keys, values);
        }
    }

    /** {@code m[k]}: the value for the key, NULL when the map has no such key. */
    static Object get(MapValue map, Object key) {
        return map.get(key);
    }

    /** {@code MAP_KEYS(m)}: the keys as an array, in ascending order. */
    static Object keys(Object map) {
        return Values.array(((MapValue) map).keys());
    }

    /** {@code MAP_VALUES(m)}: the values as an array, in the order of their keys. */
    static Object values(Object map) {
        return Values.array(((MapValue) map).values());
    }

    /** CAST of a map to another MAP type: each key and value cast (keys that become equal: the last wins). */
    static Object castEntries(Object v, SqlType to) {
        if (!(v instanceof MapValue m)) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_CAST, "cannot cast " + Texts.toText(v)
                    + " to " + to);
        }
        List<Object> keys = new ArrayList<>(m.size());
        List<Object> values = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            keys.add(Casts.cast(m.keys().get(i), to.keyType()));
            values.add(Casts.cast(m.values().get(i), to.valueType()));
        }
        return MapValue.of(keys, values);
    }

    /** The map with keys and values converted to their types' representation (numbers, nested structures). */
    static Object coerceEntries(MapValue m, SqlType to) {
        List<Object> keys = new ArrayList<>(m.size());
        List<Object> values = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            keys.add(Casts.coerce(m.keys().get(i), to.keyType()));
            values.add(Casts.coerce(m.values().get(i), to.valueType()));
        }
        return MapValue.of(keys, values);
    }
}
