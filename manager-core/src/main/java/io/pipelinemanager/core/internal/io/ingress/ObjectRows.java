package io.pipelinemanager.core.internal.io.ingress;

import io.pipelinemanager.core.api.Change;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.TableChanges;
import io.pipelinemanager.core.internal.io.ColumnShape;
import io.pipelinemanager.core.internal.io.RelationShape;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Ingress of Java objects: the changes of one push for one table → one consolidated Z-set, all or nothing,
 * with the same checks and {@code ParseError}s (table, 1-based record, column, reason) as a request body.
 *
 * <p>A row is a {@code Map} with {@code String} keys, a record (its components) or any other object (its
 * public getters {@code getX()}/{@code isX()} and public fields). Keys and property names match columns like
 * SQL's unquoted identifiers: case-insensitively, an exact match winning when columns differ only by case. A
 * key or property without a column is an error; a column without one is NULL (an error for NOT NULL
 * columns). Values: see {@link #value}.
 */
public final class ObjectRows {
    private ObjectRows() {
    }

    /**
     * Converts {@code items} for {@code table}: with {@code kind} null each item is a {@link Change}, else each
     * is a row that {@code kind} inserts or deletes. Each row's estimated size is charged to {@code charge}
     * (which may throw {@code BackPressure}); more than {@code maxRecords} items is {@code BackPressure}.
     */
    public static TableChanges convert(RelationShape table, Collection<?> items, Change.Kind kind, long maxRecords,
                                       LongConsumer charge) {
        RowCollector out = new RowCollector(table, maxRecords, charge);
        Binding binding = new Binding();
        for (Object item : items) {
            long record = out.begin();
            Object row = item;
            Change.Kind k = kind;
            if (kind == null) {
                if (!(item instanceof Change<?> change)) {
                    throw IngressErrors.parseError(table.name(), record, null, "the change is null", -1);
                }
                row = change.row();
                k = change.kind();
            }
            Object[] values = new Object[table.size()];
            boolean[] seen = new boolean[table.size()];
            row(table, record, row, values, seen, binding);
            out.record(kind(k), values, seen, (column, reason) -> IngressErrors.parseError(table.name(), record, column,
                    reason, -1));
        }
        return out.build();
    }

    private static TableChanges.Kind kind(Change.Kind k) {
        return switch (k) {
            case INSERT -> TableChanges.Kind.INSERT;
            case DELETE -> TableChanges.Kind.DELETE;
            case UPDATE -> TableChanges.Kind.UPDATE;
        };
    }

    /**
     * Where the properties of one row class go: the column of each accessor (−1: no such column), found once per
     * class in a push instead of once per row.
     */
    private static final class Binding {
        private Class<?> type;
        private int[] columns;

        int[] columns(RelationShape table, Class<?> rowType, List<RowProperties.Accessor> accessors) {
            if (rowType != type) {
                columns = new int[accessors.size()];
                for (int j = 0; j < columns.length; j++) {
                    columns[j] = table.indexOf(accessors.get(j).name());
                }
                type = rowType;
            }
            return columns;
        }
    }

    /** Reads the properties of {@code row} into {@code values}, marking the columns given in {@code seen}. */
    private static void row(RelationShape table, long record, Object row, Object[] values, boolean[] seen,
                            Binding binding) {
        if (row instanceof Map<?, ?>) {
            Map<String, Object> properties;
            try {
                properties = RowProperties.of(row);
            } catch (BadValueException e) {
                throw IngressErrors.parseError(table.name(), record, null, e.getMessage(), -1);
            }
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                put(table, record, values, seen, table.indexOf(p.getKey()), p.getKey(), p.getValue());
            }
        } else {
            List<RowProperties.Accessor> accessors;
            try {
                accessors = RowProperties.accessors(row);
            } catch (BadValueException e) {
                throw IngressErrors.parseError(table.name(), record, null, e.getMessage(), -1);
            }
            int[] columns = binding.columns(table, row.getClass(), accessors);
            for (int j = 0; j < columns.length; j++) {
                RowProperties.Accessor a = accessors.get(j);
                Object v;
                try {
                    v = a.read(row);
                } catch (BadValueException e) {
                    throw IngressErrors.parseError(table.name(), record, null, e.getMessage(), -1);
                }
                put(table, record, values, seen, columns[j], a.name(), v);
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (seen[i] && values[i] == null && !table.column(i).type().nullable()) {
                throw IngressErrors.parseError(table.name(), record, table.column(i).name(),
                        "NULL value for a NOT NULL column", -1);
            }
        }
    }

    /** Puts property {@code name} with Java value {@code v} into column {@code i} (−1: unknown column). */
    private static void put(RelationShape table, long record, Object[] values, boolean[] seen, int i, String name,
                            Object v) {
        if (i < 0) {
            throw IngressErrors.parseError(table.name(), record, name,
                    "unknown column \"" + TextValues.shorten(name) + "\"", -1);
        }
        ColumnShape c = table.column(i);
        if (seen[i]) {
            throw IngressErrors.parseError(table.name(), record, c.name(), "duplicate value for the column", -1);
        }
        seen[i] = true;
        try {
            values[i] = value(v, c.type());
        } catch (BadValueException e) {
            throw IngressErrors.parseError(table.name(), record, c.name(), e.getMessage(), -1);
        }
    }

    /**
     * The engine value of a Java value for a column of {@code type}. Accepted: for integer columns
     * {@code Byte}/{@code Short}/{@code Integer}/{@code Long}/{@code BigInteger}, and {@code BigDecimal} without
     * a fraction, range-checked; for DECIMAL any of those and {@code Float}/{@code Double} (finite; their
     * decimal text), rounded half-up to the scale, more integer digits than the type allows being an error;
     * for REAL/DOUBLE any {@code Number} (REAL rounded to float precision); {@code Boolean} for BOOLEAN;
     * {@code String}, {@code Character} or an enum constant (its name) for CHAR/VARCHAR (longer than the
     * length is an error, CHAR(n) blank-padded); {@code LocalDate} for DATE; {@code LocalTime} for TIME;
     * {@code LocalDateTime} for TIMESTAMP, also {@code Instant} (its UTC date and time) and
     * {@code OffsetDateTime}/{@code ZonedDateTime} (the local date and time as written, the offset
     * dropped, as for text); {@code Duration} for day-time intervals (milliseconds) and {@code Period}
     * without days for year-month intervals (months). A {@code String} is parsed as in CSV and JSON ingress
     * for every type. {@code null} is NULL. Anything else is an error naming the Java type.
     */
    static Object value(Object v, SqlType type) throws BadValueException {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return TextValues.parse(s, type);
        }
        TypeKind k = type.kind();
        if (k.isInteger()) {
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ValueChecks.integer(((Number) v).longValue(), type);
            }
            if (v instanceof BigInteger b) {
                return ValueChecks.integer(new BigDecimal(b), type);
            }
            if (v instanceof BigDecimal d) {
                return ValueChecks.integer(d, type);
            }
        } else if (k == TypeKind.DECIMAL) {
            BigDecimal d = decimal(v, type);
            if (d != null) {
                return ValueChecks.decimal(d, type);
            }
        } else if (k.isApproximate()) {
            if (v instanceof Number n && !(v instanceof BigDecimal) && !(v instanceof BigInteger)) {
                return ValueChecks.approximate(n.doubleValue(), type, true);
            }
            if (v instanceof BigDecimal || v instanceof BigInteger) {
                double d = ((Number) v).doubleValue();
                if (Double.isInfinite(d)) {
                    throw ValueChecks.outOfRange(v.toString(), type);
                }
                return ValueChecks.approximate(d, type, false);
            }
        } else if (k == TypeKind.BOOLEAN) {
            if (v instanceof Boolean) {
                return v;
            }
        } else if (k.isString()) {
            if (v instanceof Character || v instanceof Enum<?>) {
                return ValueChecks.string(v instanceof Enum<?> e ? e.name() : v.toString(), type);
            }
        } else if (k == TypeKind.DATE) {
            if (v instanceof LocalDate) {
                return v;
            }
        } else if (k == TypeKind.TIME) {
            if (v instanceof LocalTime) {
                return v;
            }
        } else if (k == TypeKind.TIMESTAMP) {
            if (v instanceof LocalDateTime) {
                return v;
            }
            if (v instanceof Instant i) {
                return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            }
            if (v instanceof OffsetDateTime o) {
                return o.toLocalDateTime();
            }
            if (v instanceof ZonedDateTime z) {
                return z.toLocalDateTime();
            }
        } else if (k == TypeKind.INTERVAL_DAY_TIME) {
            if (v instanceof Duration d) {
                try {
                    return d.toMillis();
                } catch (ArithmeticException e) {
                    throw ValueChecks.outOfRange(d.toString(), type);
                }
            }
        } else if (k == TypeKind.INTERVAL_YEAR_MONTH) {
            if (v instanceof Period p && p.getDays() == 0) {
                return p.toTotalMonths();
            }
        }
        throw new BadValueException("expected " + type.withNullable(true) + ", got a " + javaType(v));
    }

    /** A Java number as an exact decimal, or null if it is no number this column takes. */
    private static BigDecimal decimal(Object v, SqlType type) throws BadValueException {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw ValueChecks.outOfRange(Double.toString(d), type);
            }
            return v instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
        }
        return null;
    }

    private static String javaType(Object v) {
        Class<?> c = v.getClass();
        return c.getName().startsWith("java.") ? "Java " + c.getSimpleName() : c.getName();
    }
}
