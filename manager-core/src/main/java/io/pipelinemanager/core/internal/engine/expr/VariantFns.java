package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feldera's VARIANT functions over {@link Variant} values: {@code PARSE_JSON} (NULL for invalid JSON),
 * {@code TO_JSON}, subscripts {@code v['key']} and {@code v[i]} (1-based; SQL NULL when absent), casts in both
 * directions and {@code TYPEOF}. A cast of a variant never fails: it is NULL when the JSON value does not
 * convert to the target type (Feldera's rule).
 */
public final class VariantFns {
    private VariantFns() {
    }

    /** {@code PARSE_JSON(text)}: the JSON value, or NULL when the text is not JSON (or exceeds the bounds). */
    static Variant parseJson(Object text) {
        try {
            return VariantJson.parse(Texts.toText(text));
        } catch (VariantJson.InvalidJsonException e) {
            return null;
        }
    }

    /** {@code TO_JSON(v)}: compact JSON text. */
    static String toJson(Object v) {
        return VariantJson.toJson((Variant) v);
    }

    /**
     * {@code v[index]}: a string (or a variant holding a string) looks up an object's key, an integer (or a
     * variant holding one) an array's 1-based position; NULL otherwise.
     */
    static Variant item(Object variant, Object index) {
        Variant v = (Variant) variant;
        Object i = index instanceof Variant x ? scalar(x) : index;
        if (i instanceof String key) {
            return v.get(key);
        }
        if (i instanceof Number n && v.kind() == Variant.Kind.ARRAY) {
            BigDecimal d = Values.toBigDecimal(n);
            if (d.signum() <= 0 || d.compareTo(BigDecimal.valueOf(v.size())) > 0 || d.stripTrailingZeros().scale() > 0) {
                return null;
            }
            return v.element(d.intValue() - 1);
        }
        return null;
    }

    /** {@code TYPEOF(v)}: VARIANT (JSON null), BOOLEAN, BIGINT (integers that fit), DECIMAL, VARCHAR, ARRAY, MAP. */
    static String typeOf(Object variant) {
        Variant v = (Variant) variant;
        return switch (v.kind()) {
            case NULL -> "VARIANT";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "VARCHAR";
            case ARRAY -> "ARRAY";
            case OBJECT -> "MAP";
            case NUMBER -> isBigint(v.numberValue()) ? "BIGINT" : "DECIMAL";
        };
    }

    private static boolean isBigint(BigDecimal n) {
        BigDecimal s = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        return s.scale() <= 0 && s.precision() - s.scale() <= 19
                && s.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0 && s.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    /**
     * {@code CAST(value AS VARIANT)} of a value of SQL type {@code from}: booleans, numbers and strings as
     * themselves, dates and times as their text, intervals as numbers (milliseconds, months, as JSON output
     * writes them), NaN and infinities as the strings JSON output uses, arrays as JSON arrays.
     */
    public static Variant fromSql(Object value, SqlType from) {
        if (value == null) {
            return null;
        }
        if (value instanceof Variant v) {
            return v;
        }
        if (value instanceof Boolean b) {
            return Variant.of(b);
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return Variant.of(Texts.toText(d));
            }
            return Variant.of(from.kind() == TypeKind.REAL ? new BigDecimal(Float.toString((float) (double) d))
                    : BigDecimal.valueOf(d));
        }
        if (value instanceof Number n) {
            return Variant.of(Values.toBigDecimal(n));
        }
        if (value instanceof String s) {
            return Variant.of(s);
        }
        if (value instanceof MapValue map) {
            // An object keyed by each key's text (a later key of equal text wins, as in an object literal).
            Map<String, Variant> pairs = new HashMap<>();
            for (int i = 0; i < map.size(); i++) {
                Variant x = fromSql(map.values().get(i), from.kind() == TypeKind.MAP ? from.valueType() : SqlType.variant());
                pairs.put(Texts.toText(map.keys().get(i)), x == null ? Variant.JSON_NULL : x);
            }
            return Variant.object(pairs);
        }
        if (value instanceof RowValue row && from.kind() == TypeKind.ROW) {
            // An object keyed by field name; NULL fields are JSON nulls.
            Map<String, Variant> pairs = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                Variant x = fromSql(row.get(i), from.fieldTypes().get(i));
                pairs.put(from.fieldNames().get(i), x == null ? Variant.JSON_NULL : x);
            }
            return Variant.object(pairs);
        }
        if (value instanceof List<?> list) {
            SqlType element = from.kind() == TypeKind.ARRAY ? from.elementType() : SqlType.variant();
            List<Variant> out = new ArrayList<>(list.size());
            for (Object e : list) {
                Variant x = fromSql(e, element);
                out.add(x == null ? Variant.JSON_NULL : x);
            }
            return Variant.array(out);
        }
        return Variant.of(Texts.toText(value));
    }

    /**
     * {@code CAST(v AS to)}: NULL for JSON null and for values that do not convert. Numbers go to numeric
     * types (with the engine's rounding; NULL on overflow), strings to every scalar type by the rules of a cast
     * from VARCHAR, booleans to BOOLEAN; strings, numbers and booleans to VARCHAR/CHAR; arrays to ARRAY types
     * element by element.
     */
    public static Object cast(Variant v, SqlType to) {
        TypeKind k = to.kind();
        if (k == TypeKind.VARIANT) {
            return v;
        }
        try {
            return switch (v.kind()) {
                case NULL -> null;
                case OBJECT -> k == TypeKind.MAP ? castObjectToMap(v, to) : k == TypeKind.ROW ? castObjectToRow(v, to) : null;
                case ARRAY -> k == TypeKind.ARRAY ? castArray(v, to) : null;
                case STRING -> k == TypeKind.ARRAY ? null : Casts.cast(v.stringValue(), to);
                case BOOLEAN -> k == TypeKind.BOOLEAN || k.isString() ? Casts.cast(v.booleanValue(), to) : null;
                case NUMBER -> k.isNumeric() || k.isInterval() ? Casts.cast(v.numberValue(), to)
                        : k.isString() ? Casts.cast(VariantJson.numberText(v.numberValue()), to) : null;
            };
        } catch (SqlRuntimeException e) {
            return null;
        }
    }

    /** An object as a MAP: each key cast from VARCHAR to the key type (NULL map when one does not convert), values cast. */
    private static MapValue castObjectToMap(Variant v, SqlType to) {
        List<Object> keys = new ArrayList<>(v.size());
        List<Object> values = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            Object key = Casts.cast(v.key(i), to.keyType());
            values.add(cast(v.value(i), to.valueType()));
            keys.add(key);
        }
        return MapValue.of(keys, values);
    }

    /** An object as a ROW: each field the value of the key equal to its name (case-sensitive), cast; NULL when absent. */
    private static RowValue castObjectToRow(Variant v, SqlType to) {
        List<Object> fields = new ArrayList<>(to.fieldNames().size());
        for (int i = 0; i < to.fieldNames().size(); i++) {
            Variant f = v.get(to.fieldNames().get(i));
            fields.add(f == null ? null : cast(f, to.fieldTypes().get(i)));
        }
        return RowValue.ofFields(fields);
    }

    private static List<Object> castArray(Variant v, SqlType to) {
        List<Object> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(cast(v.element(i), to.elementType()));
        }
        return Values.array(out);
    }

    private static Object scalar(Variant v) {
        return switch (v.kind()) {
            case STRING -> v.stringValue();
            case NUMBER -> v.numberValue();
            default -> null;
        };
    }
}
