package io.pipelinemanager.core.internal.engine.type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/** Checks that a value has the engine representation of a type (see package doc). */
public final class ValueChecks {
    private ValueChecks() {
    }

    /** Null when {@code v} is a valid value of {@code type}, else a description of the problem. */
    public static String problem(Object v, SqlType type) {
        if (v == null) {
            return type.nullable() ? null : "NULL in a NOT NULL column";
        }
        TypeKind k = type.kind();
        Class<?> expected = javaClass(k);
        if (expected != null && !expected.isInstance(v)) {
            return "expected " + expected.getSimpleName() + " for " + k + ", got " + v.getClass().getSimpleName();
        }
        if (k.isInteger() && ((Long) v < k.minValue() || (Long) v > k.maxValue())) {
            return "value " + v + " out of range for " + k;
        }
        if (k == TypeKind.ARRAY) {
            SqlType element = type.elementType().asNullable();
            for (Object e : (List<?>) v) {
                String p = problem(e, element);
                if (p != null) {
                    return "array element: " + p;
                }
            }
        }
        if (k == TypeKind.ROW) {
            RowValue r = (RowValue) v;
            List<SqlType> fields = type.fieldTypes();
            if (r.size() != fields.size()) {
                return "expected " + fields.size() + " fields for " + type + ", got " + r.size();
            }
            for (int i = 0; i < fields.size(); i++) {
                String p = problem(r.get(i), fields.get(i).asNullable());
                if (p != null) {
                    return "field " + type.fieldNames().get(i) + ": " + p;
                }
            }
        }
        if (k == TypeKind.MAP) {
            MapValue m = (MapValue) v;
            for (int i = 0; i < m.size(); i++) {
                String p = problem(m.keys().get(i), type.keyType().withNullable(false));
                if (p == null) {
                    p = problem(m.values().get(i), type.valueType().asNullable());
                }
                if (p != null) {
                    return "map entry " + (i + 1) + ": " + p;
                }
            }
        }
        return null;
    }

    /** The Java class representing values of {@code k}, or null for NULL. */
    public static Class<?> javaClass(TypeKind k) {
        switch (k) {
            case BOOLEAN: return Boolean.class;
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
            case INTERVAL_DAY_TIME: case INTERVAL_YEAR_MONTH: return Long.class;
            case DECIMAL: return BigDecimal.class;
            case REAL: case DOUBLE: return Double.class;
            case CHAR: case VARCHAR: return String.class;
            case DATE: return LocalDate.class;
            case TIME: return LocalTime.class;
            case TIMESTAMP: return LocalDateTime.class;
            case ARRAY: return List.class;
            case ROW: return RowValue.class;
            case MAP: return MapValue.class;
            case VARIANT: return Variant.class;
            default: return null;
        }
    }
}
