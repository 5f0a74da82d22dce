package io.pipelinemanager.core.internal.engine.type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Equality, hashing, total order and normalisation of engine values (see package doc). */
public final class Values {
    private Values() {
    }

    /** Grouping equality: NULL equals NULL, numbers equal by value, -0.0 equals 0.0. */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof RowValue x && b instanceof RowValue y) {
            return equal(x.fields(), y.fields());
        }
        if (a instanceof MapValue x && b instanceof MapValue y) {
            return equal(x.keys(), y.keys()) && equal(x.values(), y.values());
        }
        if (a.getClass() == b.getClass()) {
            if (a instanceof BigDecimal) {
                return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
            }
            if (a instanceof Double) {
                return ((Double) a).doubleValue() == ((Double) b).doubleValue()
                        || (((Double) a).isNaN() && ((Double) b).isNaN());
            }
            return a.equals(b);
        }
        if (a instanceof Number && b instanceof Number) {
            return compareNumbers((Number) a, (Number) b) == 0;
        }
        return false;
    }

    /** Hash consistent with {@link #equal} (numbers of different classes with equal value hash alike). */
    public static int hash(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long) {
            return Long.hashCode((Long) v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return Long.hashCode((long) d);
            }
            return Double.hashCode(d);
        }
        if (v instanceof BigDecimal) {
            BigDecimal bd = ((BigDecimal) v).stripTrailingZeros();
            if (bd.scale() <= 0 && bd.compareTo(LONG_MIN) >= 0 && bd.compareTo(LONG_MAX) <= 0) {
                return Long.hashCode(bd.longValue());
            }
            return Double.hashCode(bd.doubleValue());
        }
        if (v instanceof List<?> list) {
            int h = 1;
            for (Object e : list) {
                h = 31 * h + hash(e);
            }
            return h;
        }
        if (v instanceof RowValue r) {
            return 17 + hash(r.fields());
        }
        if (v instanceof MapValue m) {
            return 31 * hash(m.keys()) + hash(m.values());
        }
        return v.hashCode();
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /**
     * Total order on values of one SQL type; NULL sorts before every value (callers apply
     * NULLS FIRST/LAST and direction themselves). Numbers of different classes compare by value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        if (b == null) {
            return 1;
        }
        if (a instanceof Number && b instanceof Number) {
            return compareNumbers((Number) a, (Number) b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return compareArrays(x, y);
        }
        if (a instanceof RowValue x && b instanceof RowValue y) {
            // PostgreSQL's order of composite values: field by field, a NULL field after every value.
            return compareArrays(x.fields(), y.fields());
        }
        if (a instanceof MapValue x && b instanceof MapValue y) {
            return compareMaps(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        // Mixed, non-numeric classes should not happen for well-typed input; order by class name.
        return a.getClass().getName().compareTo(b.getClass().getName());
    }

    /** PostgreSQL's array order: element by element (a NULL element sorts after every value), then the shorter first. */
    private static int compareArrays(List<?> a, List<?> b) {
        for (int i = 0, n = Math.min(a.size(), b.size()); i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x == null || y == null ? (x == y ? 0 : x == null ? 1 : -1) : compare(x, y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Maps (no PostgreSQL order to follow): entry by entry in key order, key then value, then the smaller first. */
    private static int compareMaps(MapValue a, MapValue b) {
        for (int i = 0, n = Math.min(a.size(), b.size()); i < n; i++) {
            int c = compare(a.keys().get(i), b.keys().get(i));
            if (c == 0) {
                Object x = a.values().get(i);
                Object y = b.values().get(i);
                c = x == null || y == null ? (x == y ? 0 : x == null ? 1 : -1) : compare(x, y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * The value in plain Java collections, as the public API hands values out: a ROW as an unmodifiable
     * {@link List} of its field values in declaration order, a MAP as an unmodifiable {@link java.util.Map} in
     * key order, a VARIANT as its compact JSON text, recursively (also inside arrays); every other value as it is.
     */
    public static Object plain(Object v) {
        if (v instanceof Variant variant) {
            return VariantJson.toJson(variant);
        }
        if (v instanceof RowValue r) {
            return plainList(r.fields());
        }
        if (v instanceof MapValue m) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) {
                out.put(plain(m.keys().get(i)), plain(m.values().get(i)));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> list && list.stream().anyMatch(e -> e instanceof RowValue || e instanceof MapValue
                || e instanceof List || e instanceof Variant)) {
            return plainList(list);
        }
        return v;
    }

    private static List<Object> plainList(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object e : values) {
            out.add(plain(e));
        }
        return Collections.unmodifiableList(out);
    }

    /** An immutable array value holding {@code elements} (NULL elements allowed). */
    public static List<Object> array(List<?> elements) {
        return Collections.unmodifiableList(new ArrayList<>(elements));
    }

    /** Numeric comparison across Long, Double and BigDecimal. */
    public static int compareNumbers(Number a, Number b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a instanceof Double || b instanceof Double) {
            return Double.compare(a.doubleValue() + 0.0, b.doubleValue() + 0.0);
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    /** Exact conversion of a numeric value to BigDecimal. */
    public static BigDecimal toBigDecimal(Object n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(((Number) n).longValue());
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = ((Number) n).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_CAST, "cannot convert " + d + " to DECIMAL");
            }
            return new BigDecimal(Double.toString(d));
        }
        throw new IllegalArgumentException("not a number: " + n);
    }

    /** Normalises one value per column (see {@link #normalize}) into a new array. */
    public static Object[] normalizeAll(java.util.List<SqlType> types, Object... values) {
        if (values.length != types.size()) {
            throw new IllegalArgumentException("expected " + types.size() + " values, got " + values.length);
        }
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = normalize(values[i], types.get(i));
        }
        return out;
    }

    /**
     * Converts a Java value (e.g. Integer, Float, String for dates) into the engine representation
     * of {@code type}; no overflow checks beyond integer range; use Casts for SQL CAST semantics.
     */
    public static Object normalize(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        TypeKind k = type.kind();
        if (v instanceof String && (k.isNumeric() || k.isInterval())) {
            v = new BigDecimal(((String) v).trim());
        }
        if (k.isInteger() || k.isInterval()) {
            if (v instanceof Long) {
                return v;
            }
            if (v instanceof Number) {
                return toBigDecimal(v).longValueExact();
            }
        } else if (k == TypeKind.DECIMAL) {
            BigDecimal bd = v instanceof Number ? toBigDecimal(v) : new BigDecimal(v.toString().trim());
            return type.precision() > 0 ? bd.setScale(type.scale(), java.math.RoundingMode.HALF_UP) : bd;
        } else if (k == TypeKind.DOUBLE) {
            return v instanceof Double ? v : (Object) ((Number) v).doubleValue();
        } else if (k == TypeKind.REAL) {
            return (double) ((Number) v).floatValue();
        } else if (k.isString()) {
            return v.toString();
        } else if (k == TypeKind.DATE && v instanceof String) {
            return LocalDate.parse(((String) v).trim());
        } else if (k == TypeKind.TIME && v instanceof String) {
            return LocalTime.parse(((String) v).trim());
        } else if (k == TypeKind.TIMESTAMP && v instanceof String) {
            return LocalDateTime.parse(((String) v).trim().replace(' ', 'T'));
        } else if (k == TypeKind.VARIANT && v instanceof String json) {
            try {
                return VariantJson.parse(json);
            } catch (VariantJson.InvalidJsonException e) {
                throw new IllegalArgumentException("invalid JSON for a VARIANT: " + e.getMessage(), e);
            }
        } else if (k == TypeKind.ARRAY && (v instanceof List<?> || v instanceof Object[])) {
            List<?> in = v instanceof Object[] a ? java.util.Arrays.asList(a) : (List<?>) v;
            List<Object> out = new ArrayList<>(in.size());
            for (Object e : in) {
                out.add(normalize(e, type.elementType()));
            }
            return Collections.unmodifiableList(out);
        } else if (k == TypeKind.ROW && (v instanceof List<?> || v instanceof Object[] || v instanceof RowValue)) {
            List<?> in = v instanceof Object[] a ? java.util.Arrays.asList(a)
                    : v instanceof RowValue r ? r.fields() : (List<?>) v;
            List<Object> out = new ArrayList<>(in.size());
            for (int i = 0; i < in.size(); i++) {
                out.add(i < type.fieldTypes().size() ? normalize(in.get(i), type.fieldTypes().get(i)) : in.get(i));
            }
            return RowValue.ofFields(out);
        } else if (k == TypeKind.MAP && (v instanceof java.util.Map<?, ?> || v instanceof MapValue)) {
            List<?> keys = v instanceof MapValue m ? m.keys() : new ArrayList<>(((java.util.Map<?, ?>) v).keySet());
            List<?> values = v instanceof MapValue m ? m.values() : new ArrayList<>(((java.util.Map<?, ?>) v).values());
            List<Object> ks = new ArrayList<>(keys.size());
            List<Object> vs = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                ks.add(normalize(keys.get(i), type.keyType()));
                vs.add(normalize(values.get(i), type.valueType()));
            }
            return MapValue.of(ks, vs);
        }
        return v;
    }
}
