package io.pipelinemanager.core.internal.engine.zset;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A hash map of mutable values split into shards that can be frozen in O(shards): the basis of cheap
 * checkpoint captures of large integrated state. {@link #freeze} hands out the current shards as an
 * immutable {@link Frozen} view; the first update of a shard afterwards copies that shard (its map and,
 * through {@code copyValue}, its mutable values), so a capture costs nothing per entry and a step after it
 * copies only the shards it touches.
 *
 * <p>Reads ({@link #get}) may return a value of a frozen shard: callers must not mutate what {@link #get}
 * returns, and must obtain values they mutate through {@link #getForUpdate} or {@link #put}. Not
 * thread-safe; a {@link Frozen} view may be read from another thread once handed over.
 *
 * @param <K> immutable keys
 * @param <V> values; mutable ones need a deep {@code copyValue}
 */
public final class CowShardedMap<K, V> {
    private static final int SHARD_BITS = 10;
    private static final int SHARDS = 1 << SHARD_BITS;

    private final UnaryOperator<V> copyValue;
    @SuppressWarnings("unchecked")
    private final HashMap<K, V>[] shards = new HashMap[SHARDS];
    private final boolean[] frozen = new boolean[SHARDS];
    private boolean anyFrozen;
    private long size;

    /** An empty map; {@code copyValue} deep-copies a value of a shard being unfrozen. */
    public CowShardedMap(UnaryOperator<V> copyValue) {
        this.copyValue = copyValue;
    }

    private static int shard(Object key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - SHARD_BITS);
    }

    /** The value of {@code key}, or null; must not be mutated (it may belong to a frozen capture). */
    public V get(K key) {
        HashMap<K, V> m = shards[shard(key)];
        return m == null ? null : m.get(key);
    }

    /** The value of {@code key} (or null), safe to mutate: its shard is copied first if frozen. */
    public V getForUpdate(K key) {
        return writable(shard(key)).get(key);
    }

    /** Associates {@code value} with {@code key}. */
    public void put(K key, V value) {
        if (writable(shard(key)).put(key, value) == null) {
            size++;
        }
    }

    /** Removes {@code key}; returns its value or null. */
    public V remove(K key) {
        int s = shard(key);
        if (shards[s] == null || !shards[s].containsKey(key)) {
            return null;
        }
        V old = writable(s).remove(key);
        size--;
        return old;
    }

    /** Number of entries. */
    public long size() {
        return size;
    }

    /** Visits every entry; values must not be mutated. */
    public void forEach(BiConsumer<? super K, ? super V> c) {
        forEachIn(shards, c);
    }

    private static <K, V> void forEachIn(HashMap<K, V>[] shards, BiConsumer<? super K, ? super V> c) {
        for (HashMap<K, V> m : shards) {
            if (m != null) {
                m.forEach(c);
            }
        }
    }

    /** Removes everything. */
    public void clear() {
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = null;
            frozen[i] = false;
        }
        anyFrozen = false;
        size = 0;
    }

    /**
     * Freezes the current contents in O(shards): the returned view never changes, whatever this map does
     * afterwards.
     */
    public Frozen<K, V> freeze() {
        java.util.Arrays.fill(frozen, true);
        anyFrozen = true;
        return new Frozen<>(shards.clone(), size);
    }

    private HashMap<K, V> writable(int s) {
        if (shards[s] == null) {
            shards[s] = new HashMap<>();
            frozen[s] = false;
        } else if (anyFrozen && frozen[s]) {
            HashMap<K, V> old = shards[s];
            HashMap<K, V> copy = new HashMap<>(Math.max(16, (int) (old.size() / 0.75f) + 1));
            for (Map.Entry<K, V> e : old.entrySet()) {
                copy.put(e.getKey(), copyValue.apply(e.getValue()));
            }
            shards[s] = copy;
            frozen[s] = false;
        }
        return shards[s];
    }

    /**
     * Immutable contents of a {@link CowShardedMap} at the moment of {@link #freeze}.
     *
     * @param <K> keys
     * @param <V> values (never mutated again by the map)
     */
    public static final class Frozen<K, V> {
        private final HashMap<K, V>[] shards;
        private final long size;

        private Frozen(HashMap<K, V>[] shards, long size) {
            this.shards = shards;
            this.size = size;
        }

        /** Number of entries. */
        public long size() {
            return size;
        }

        /** Visits every entry. */
        public void forEach(BiConsumer<? super K, ? super V> c) {
            forEachIn(shards, c);
        }
    }
}
