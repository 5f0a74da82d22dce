/**
 * Engine-owned SQL types and the Java representation of SQL values.
 *
 * <p>Representation (the compiler must produce values in exactly these classes; use
 * {@link io.pipelinemanager.core.internal.engine.type.Values#normalize} to convert):
 * BOOLEAN → {@link java.lang.Boolean}; TINYINT, SMALLINT, INTEGER, BIGINT → {@link java.lang.Long}
 * (range-checked per declared type); DECIMAL(p,s) → {@link java.math.BigDecimal};
 * REAL, DOUBLE → {@link java.lang.Double} (REAL values are rounded to float precision);
 * CHAR(n), VARCHAR(n) → {@link java.lang.String}; DATE → {@link java.time.LocalDate};
 * TIME → {@link java.time.LocalTime}; TIMESTAMP → {@link java.time.LocalDateTime};
 * INTERVAL day-time → {@link java.lang.Long} milliseconds; INTERVAL year-month → {@link java.lang.Long}
 * months; ARRAY → an immutable {@link java.util.List} of element values (NULL elements allowed, see
 * {@link io.pipelinemanager.core.internal.engine.type.Values#array}); ROW →
 * {@link io.pipelinemanager.core.internal.engine.type.RowValue} (field values, a NULL row is {@code null});
 * MAP → {@link io.pipelinemanager.core.internal.engine.type.MapValue} (entries sorted by key); VARIANT → an immutable
 * {@link io.pipelinemanager.core.internal.engine.type.Variant} (JSON null is {@code Variant.JSON_NULL}, a value;
 * JSON text in and out through {@link io.pipelinemanager.core.internal.engine.type.VariantJson}); SQL NULL → Java {@code null}. {@link io.pipelinemanager.core.internal.engine.type.Values}
 * gives the total order and the equality/hash used for grouping (NULLs equal each other,
 * DECIMAL compared by value, -0.0 equals 0.0; arrays element by element, then by length, as PostgreSQL
 * orders them; rows field by field like arrays, as PostgreSQL orders composite values; maps entry by entry; variants as PostgreSQL's jsonb compares them).
 */
package io.pipelinemanager.core.internal.engine.type;
