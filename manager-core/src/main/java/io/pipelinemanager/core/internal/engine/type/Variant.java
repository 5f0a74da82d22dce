package io.pipelinemanager.core.internal.engine.type;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A value of SQL type VARIANT: one JSON value (JSON {@code null}, a boolean, a number, a string, an array or an
 * object), immutable. Unlike Jackson's mutable {@code JsonNode}, whose equality depends on how a number was
 * written ({@code 1} is not {@code 1.0}) and which has no order, a variant has the semantics SQL needs for
 * grouping, joining, DISTINCT and ORDER BY:
 * <ul>
 *   <li>numbers are exact ({@link BigDecimal}, kept as written for output) and equal by value;</li>
 *   <li>object keys are unique (the last of duplicate keys wins, as in PostgreSQL's {@code jsonb}) and kept in
 *       {@code jsonb}'s key order (shorter keys first, then by code point), so objects equal regardless of the
 *       order their keys were written in;</li>
 *   <li>the total order is {@code jsonb}'s: {@code null < string < number < boolean < array < object}; arrays
 *       with more elements after those with fewer, then element by element; objects with more pairs after
 *       those with fewer, then pair by pair in key order, each key (as text) before its value.</li>
 * </ul>
 * Representation: an array holds a {@code Variant[]}, an object two parallel arrays (keys, values), so a value
 * costs one small object per node; the hash is computed once.
 */
public final class Variant implements Comparable<Variant> {

    /** The JSON kinds, in {@code jsonb}'s sort order. */
    public enum Kind { NULL, STRING, NUMBER, BOOLEAN, ARRAY, OBJECT }

    /** JSON's {@code null} (Feldera's {@code VARIANTNULL()}), which is a value, unlike SQL NULL. */
    public static final Variant JSON_NULL = new Variant(Kind.NULL, null, null);
    /** JSON {@code true}. */
    public static final Variant TRUE = new Variant(Kind.BOOLEAN, Boolean.TRUE, null);
    /** JSON {@code false}. */
    public static final Variant FALSE = new Variant(Kind.BOOLEAN, Boolean.FALSE, null);

    /** {@code jsonb}'s order of object keys: shorter (in UTF-8 bytes) first, then by code point (= UTF-8 bytes). */
    public static final Comparator<String> KEY_ORDER = Comparator.comparingInt(Variant::utf8Length)
            .thenComparing(Variant::compareCodePoints);

    private final Kind kind;
    /** Boolean, BigDecimal, String, Variant[] (array elements or object values). */
    private final Object value;
    /** Object keys in {@link #KEY_ORDER}, parallel to the values; null for other kinds. */
    private final String[] keys;
    private int hash;

    private Variant(Kind kind, Object value, String[] keys) {
        this.kind = kind;
        this.value = value;
        this.keys = keys;
    }

    /** A JSON boolean. */
    public static Variant of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** A JSON string. */
    public static Variant of(String s) {
        return new Variant(Kind.STRING, s, null);
    }

    /** A JSON number. */
    public static Variant of(BigDecimal n) {
        return new Variant(Kind.NUMBER, n, null);
    }

    /** A JSON array of these elements (none of them Java null). */
    public static Variant array(List<Variant> elements) {
        Variant[] a = elements.toArray(new Variant[0]);
        for (Variant e : a) {
            if (e == null) {
                throw new IllegalArgumentException("a JSON array element is a JSON value, not null");
            }
        }
        return new Variant(Kind.ARRAY, a, null);
    }

    /** A JSON object of these pairs (values not Java null); the order of the map does not matter. */
    public static Variant object(Map<String, Variant> pairs) {
        TreeMap<String, Variant> sorted = new TreeMap<>(KEY_ORDER);
        pairs.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("a JSON object has string keys and JSON values");
            }
            sorted.put(k, v);
        });
        return new Variant(Kind.OBJECT, sorted.values().toArray(new Variant[0]), sorted.keySet().toArray(new String[0]));
    }

    /** The JSON kind. */
    public Kind kind() {
        return kind;
    }

    /** The boolean of a BOOLEAN variant. */
    public boolean booleanValue() {
        return (Boolean) expect(Kind.BOOLEAN);
    }

    /** The number of a NUMBER variant, as written. */
    public BigDecimal numberValue() {
        return (BigDecimal) expect(Kind.NUMBER);
    }

    /** The string of a STRING variant. */
    public String stringValue() {
        return (String) expect(Kind.STRING);
    }

    /** Number of elements (ARRAY) or pairs (OBJECT); 0 for scalars. */
    public int size() {
        return value instanceof Variant[] a ? a.length : 0;
    }

    /** The element at 0-based {@code index} of an ARRAY. */
    public Variant element(int index) {
        return ((Variant[]) expect(Kind.ARRAY))[index];
    }

    /** The key of pair {@code index} of an OBJECT (in key order). */
    public String key(int index) {
        expect(Kind.OBJECT);
        return keys[index];
    }

    /** The value of pair {@code index} of an OBJECT (in key order). */
    public Variant value(int index) {
        return ((Variant[]) expect(Kind.OBJECT))[index];
    }

    /** The value of {@code key} in an OBJECT; null (not JSON null) when absent or when this is no object. */
    public Variant get(String key) {
        if (kind != Kind.OBJECT) {
            return null;
        }
        int i = Arrays.binarySearch(keys, key, KEY_ORDER);
        return i < 0 ? null : ((Variant[]) value)[i];
    }

    private Object expect(Kind k) {
        if (kind != k) {
            throw new IllegalStateException("a " + kind + " variant is not a " + k);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variant v && (this == v || (hashCode() == v.hashCode() && compareTo(v) == 0));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = computeHash();
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    private int computeHash() {
        int h = kind.ordinal() * 31;
        switch (kind) {
            case NULL:
                return h;
            case NUMBER:
                BigDecimal n = (BigDecimal) value;
                return h + (n.signum() == 0 ? 0 : n.stripTrailingZeros().hashCode());
            case ARRAY:
            case OBJECT:
                for (int i = 0; i < size(); i++) {
                    h = 31 * h + ((Variant[]) value)[i].hashCode();
                    if (keys != null) {
                        h = 31 * h + keys[i].hashCode();
                    }
                }
                return h;
            default:
                return h + value.hashCode();
        }
    }

    @Override
    public int compareTo(Variant o) {
        if (this == o) {
            return 0;
        }
        if (kind != o.kind) {
            return Integer.compare(kind.ordinal(), o.kind.ordinal());
        }
        switch (kind) {
            case NULL:
                return 0;
            case STRING:
                return ((String) value).compareTo((String) o.value);
            case NUMBER:
                return ((BigDecimal) value).compareTo((BigDecimal) o.value);
            case BOOLEAN:
                return Boolean.compare((Boolean) value, (Boolean) o.value);
            default:
                Variant[] a = (Variant[]) value;
                Variant[] b = (Variant[]) o.value;
                if (a.length != b.length) {
                    return Integer.compare(a.length, b.length);
                }
                for (int i = 0; i < a.length; i++) {
                    if (keys != null) {
                        int c = keys[i].compareTo(o.keys[i]);
                        if (c != 0) {
                            return c;
                        }
                    }
                    int c = a[i].compareTo(b[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
        }
    }

    /** Estimated heap bytes of this tree (64-bit JVM, compressed references), for memory bounds. */
    public long heapBytes() {
        long bytes = 24;
        switch (kind) {
            case STRING -> bytes += 40 + 2L * ((String) value).length();
            case NUMBER -> bytes += 40 + ((BigDecimal) value).precision() / 2;
            case ARRAY, OBJECT -> {
                Variant[] a = (Variant[]) value;
                bytes += 16 + 4L * a.length;
                for (int i = 0; i < a.length; i++) {
                    bytes += a[i].heapBytes() + (keys == null ? 0 : 4 + 40 + 2L * keys[i].length());
                }
                bytes += keys == null ? 0 : 16 + 4L * a.length;
            }
            default -> { }
        }
        return bytes;
    }

    /** Estimated length of the compact JSON text (without escapes), for output bounds. */
    public long jsonLength() {
        return switch (kind) {
            case NULL -> 4;
            case BOOLEAN -> 5;
            case STRING -> 2L + ((String) value).length();
            case NUMBER -> 2L + ((BigDecimal) value).precision();
            default -> {
                Variant[] a = (Variant[]) value;
                long n = 2 + a.length;
                for (int i = 0; i < a.length; i++) {
                    n += a[i].jsonLength() + (keys == null ? 0 : 3 + keys[i].length());
                }
                yield n;
            }
        };
    }

    /** The compact JSON text (see {@link VariantJson#write}). */
    @Override
    public String toString() {
        return VariantJson.toJson(this);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
