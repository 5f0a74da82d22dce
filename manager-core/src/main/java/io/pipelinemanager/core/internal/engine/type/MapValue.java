package io.pipelinemanager.core.internal.engine.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine value of a {@link TypeKind#MAP} type: entries with distinct, non-NULL keys (values may be NULL),
 * immutable and kept sorted by key in {@link Values#compare} order, so two maps with the same entries are
 * equal, hash alike and print alike whatever order they were built in. Built from key/value pairs where a
 * repeated key keeps its last value (as Calcite's and Feldera's {@code MAP[...]} constructors do).
 */
public final class MapValue {
    private final List<Object> keys;
    private final List<Object> values;

    private MapValue(List<Object> keys, List<Object> values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * A map of {@code keys.get(i) -> values.get(i)}; a repeated key keeps its last value.
     *
     * @throws SqlRuntimeException for a NULL key
     */
    public static MapValue of(List<?> keys, List<?> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + values.size() + " values");
        }
        TreeMap<Object, Object> sorted = new TreeMap<>(Values::compare);
        for (int i = 0; i < keys.size(); i++) {
            Object k = keys.get(i);
            if (k == null) {
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_ARGUMENT, "a MAP key must not be NULL");
            }
            sorted.remove(k);
            sorted.put(k, values.get(i));
        }
        return new MapValue(Collections.unmodifiableList(new ArrayList<>(sorted.keySet())),
                Collections.unmodifiableList(new ArrayList<>(sorted.values())));
    }

    /** A map of the entries of {@code map} (keys must not be null). */
    public static MapValue of(Map<?, ?> map) {
        return of(new ArrayList<>(map.keySet()), new ArrayList<>(map.values()));
    }

    /** The keys in ascending order, unmodifiable. */
    public List<Object> keys() {
        return keys;
    }

    /** The values in the order of {@link #keys()}, unmodifiable. */
    public List<Object> values() {
        return values;
    }

    /** The number of entries. */
    public int size() {
        return keys.size();
    }

    /** The value for {@code key}, or null when the map has no such key (or maps it to NULL). */
    public Object get(Object key) {
        int i = Collections.binarySearch(keys, key, Values::compare);
        return i >= 0 ? values.get(i) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapValue m && Values.equal(this, m);
    }

    @Override
    public int hashCode() {
        return Values.hash(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MAP{");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(values.get(i));
        }
        return sb.append('}').toString();
    }
}
