package io.pipelinemanager.core.internal.io.egress;

import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes a view's changes into Java rows of one type, checked against the view's columns when it is made.
 *
 * <p>Column values as Java values: TINYINT {@code Byte}, SMALLINT {@code Short}, INTEGER {@code Integer},
 * BIGINT {@code Long}, DECIMAL {@code BigDecimal} (with the column's scale), REAL {@code Float}, DOUBLE
 * {@code Double}, BOOLEAN {@code Boolean}, CHAR/VARCHAR {@code String}, DATE {@code LocalDate}, TIME
 * {@code LocalTime}, TIMESTAMP {@code LocalDateTime}, day-time intervals {@code Duration}, year-month
 * intervals {@code Period}, VARIANT its compact JSON text {@code String}, NULL {@code null}.
 *
 * <p>Row types: {@code Map} — an unmodifiable map from column name (as declared) to value, in column order,
 * with null values for NULL; or a record — each component takes the column of the same name (case rules of
 * unquoted SQL identifiers: case-insensitive, exact match first), so a record may leave columns out. A
 * component may have the column's Java type, a lossless widening of it ({@code Integer} to {@code long},
 * {@code Long}, {@code BigInteger}, {@code BigDecimal}, {@code double}; {@code Float} to {@code double}; any
 * integer or decimal to {@code BigDecimal}), {@code Instant} for TIMESTAMP (read as UTC), or a supertype such
 * as {@code Object} or {@code Number}; a primitive component needs a NOT NULL column. Anything else is refused
 * with {@code InvalidRequest} before the subscription starts.
 *
 * @param <T> the row type
 */
public final class TypedRows<T> {

    private final Function<Row, T> decode;

    private TypedRows(Function<Row, T> decode) {
        this.decode = decode;
    }

    /** A decoder of {@code view}'s rows into {@code rowType} ({@code Map} or a record class), or {@code InvalidRequest}. */
    @SuppressWarnings("unchecked")
    public static <T> TypedRows<T> of(RelationShape view, Class<T> rowType) {
        if (rowType == null) {
            throw refusal(view, null, "a row type is required: Map.class or a record class", Map.of());
        }
        if (rowType == Map.class) {
            return (TypedRows<T>) new TypedRows<>(maps(view));
        }
        if (!rowType.isRecord()) {
            throw refusal(view, rowType, "the row type must be Map.class or a record class", Map.of());
        }
        return new TypedRows<>(records(view, rowType));
    }

    /** The changes of {@code delta}: deletes first, then inserts, each row repeated by its multiplicity. */
    public List<Change<T>> changes(ZSet delta) {
        List<Change<T>> out = new ArrayList<>();
        try {
            Changes.forEach(delta, (row, insert) -> {
                T value = decode.apply(row);
                out.add(insert ? Change.insert(value) : Change.delete(value));
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // the visitor does no I/O
        }
        return Collections.unmodifiableList(out);
    }

    private static Function<Row, Map<String, Object>> maps(RelationShape view) {
        List<ColumnShape> columns = view.columns();
        return row -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i).name(), java(row.get(i), columns.get(i).type()));
            }
            return Collections.unmodifiableMap(map);
        };
    }

    private static <T> Function<Row, T> records(RelationShape view, Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        int[] index = new int[components.length];
        Function<?, ?>[] convert = new Function<?, ?>[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int c = 0; c < components.length; c++) {
            RecordComponent component = components[c];
            parameterTypes[c] = component.getType();
            int i = view.indexOf(component.getName());
            if (i < 0) {
                throw refusal(view, type, "record component " + component.getName() + " matches no column of the view",
                        Map.of("component", component.getName()));
            }
            index[c] = i;
            convert[c] = converter(view, type, component, view.column(i));
        }
        Constructor<T> constructor;
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw refusal(view, type, "the record's canonical constructor cannot be called: " + e, Map.of());
        }
        return row -> {
            Object[] args = new Object[components.length];
            for (int c = 0; c < args.length; c++) {
                ColumnShape column = view.column(index[c]);
                @SuppressWarnings("unchecked")
                Function<Object, Object> f = (Function<Object, Object>) convert[c];
                args[c] = f.apply(java(row.get(index[c]), column.type()));
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the constructor of " + type.getName() + " refused a row of view "
                        + view.name() + ": " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type.getName(), e);
            }
        };
    }

    /** How a column's Java value becomes the component's value; refuses types that do not fit. */
    private static Function<Object, Object> converter(RelationShape view, Class<?> record, RecordComponent component,
                                                      ColumnShape column) {
        Class<?> target = component.getType();
        Class<?> source = javaClass(column.type());
        if (target.isPrimitive() && column.type().nullable()) {
            throw refusal(view, record, "component " + component.getName() + " is a " + target.getName()
                    + " but column " + column.name() + " may be NULL; use " + box(target).getSimpleName(),
                    Map.of("component", component.getName(), "column", column.name()));
        }
        Class<?> boxed = box(target);
        if (source == null || boxed.isAssignableFrom(source)) {
            return v -> v;
        }
        Function<Object, Object> widening = widening(source, boxed);
        if (widening == null) {
            throw refusal(view, record, "component " + component.getName() + " is a " + target.getName()
                    + " but column " + column.name() + " is " + column.type().withNullable(true) + " (a "
                    + source.getSimpleName() + ")", Map.of("component", component.getName(), "column", column.name(),
                    "sql_type", column.type().withNullable(true).toString()));
        }
        return v -> v == null ? null : widening.apply(v);
    }

    private static Function<Object, Object> widening(Class<?> source, Class<?> target) {
        boolean integral = source == Byte.class || source == Short.class || source == Integer.class || source == Long.class;
        int width = source == Byte.class ? 1 : source == Short.class ? 2 : source == Integer.class ? 4 : 8;
        if (integral && target == Long.class) {
            return v -> ((Number) v).longValue();
        }
        if (integral && target == Integer.class && width <= 4) {
            return v -> ((Number) v).intValue();
        }
        if (integral && target == Short.class && width <= 2) {
            return v -> ((Number) v).shortValue();
        }
        if (integral && target == BigInteger.class) {
            return v -> BigInteger.valueOf(((Number) v).longValue());
        }
        if (integral && target == BigDecimal.class) {
            return v -> BigDecimal.valueOf(((Number) v).longValue());
        }
        if (integral && target == Double.class && width <= 4) {
            return v -> ((Number) v).doubleValue();
        }
        if (source == Float.class && target == Double.class) {
            return v -> ((Number) v).doubleValue();
        }
        if (source == LocalDateTime.class && target == Instant.class) {
            return v -> ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    /** The Java class of a column's values (null for the NULL type). */
    static Class<?> javaClass(SqlType type) {
        switch (type.kind()) {
            case TINYINT: return Byte.class;
            case SMALLINT: return Short.class;
            case INTEGER: return Integer.class;
            case BIGINT: return Long.class;
            case DECIMAL: return BigDecimal.class;
            case REAL: return Float.class;
            case DOUBLE: return Double.class;
            case BOOLEAN: return Boolean.class;
            case CHAR: case VARCHAR: case VARIANT: return String.class;
            case DATE: return LocalDate.class;
            case TIME: return LocalTime.class;
            case TIMESTAMP: return LocalDateTime.class;
            case INTERVAL_DAY_TIME: return Duration.class;
            case INTERVAL_YEAR_MONTH: return Period.class;
            default: return null;
        }
    }

    /** An engine value as the Java value of its column type. */
    static Object java(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        TypeKind k = type.kind();
        switch (k) {
            case TINYINT: return ((Number) v).byteValue();
            case SMALLINT: return ((Number) v).shortValue();
            case INTEGER: return ((Number) v).intValue();
            case BIGINT: return ((Number) v).longValue();
            case REAL: return ((Number) v).floatValue();
            case DOUBLE: return ((Number) v).doubleValue();
            case INTERVAL_DAY_TIME: return Duration.ofMillis(((Number) v).longValue());
            case INTERVAL_YEAR_MONTH: return Period.ofMonths(Math.toIntExact(((Number) v).longValue())).normalized();
            case ROW: {
                // A ROW as a map from field name to value (as a JSON object would be read).
                RowValue r = (RowValue) v;
                java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
                for (int i = 0; i < r.size(); i++) {
                    fields.put(type.fieldNames().get(i), java(r.get(i), type.fieldTypes().get(i)));
                }
                return java.util.Collections.unmodifiableMap(fields);
            }
            case MAP: {
                MapValue m = (MapValue) v;
                java.util.Map<Object, Object> entries = new java.util.LinkedHashMap<>();
                for (int i = 0; i < m.size(); i++) {
                    entries.put(java(m.keys().get(i), type.keyType()), java(m.values().get(i), type.valueType()));
                }
                return java.util.Collections.unmodifiableMap(entries);
            }
            case VARIANT: return VariantJson.toJson((Variant) v);
            default: return v;
        }
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        } else if (c == long.class) {
            return Long.class;
        } else if (c == double.class) {
            return Double.class;
        } else if (c == float.class) {
            return Float.class;
        } else if (c == boolean.class) {
            return Boolean.class;
        } else if (c == short.class) {
            return Short.class;
        } else if (c == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }

    private static ManagerException refusal(RelationShape view, Class<?> type, String reason, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>(more);
        details.put("view", view.name());
        details.put("row_type", type == null ? "null" : type.getName());
        details.put("reason", reason);
        return new ManagerException(ErrorCode.InvalidRequest, "Rows of view " + view.name() + " cannot be read as "
                + (type == null ? "null" : type.getName()) + ": " + reason, details);
    }
}
