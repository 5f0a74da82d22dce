package io.pipelinemanager.core.internal.engine.type;

/** The kinds of SQL types the engine understands. */
public enum TypeKind {
    BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE,
    CHAR, VARCHAR, DATE, TIME, TIMESTAMP, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, NULL,
    /** A PostgreSQL array: an immutable {@code java.util.List} of element values (NULL elements allowed). */
    ARRAY,
    /** A composite (PostgreSQL's composite type, SQL's ROW): a {@link RowValue} of field values. */
    ROW,
    /** A map from keys to values (Calcite's and Feldera's MAP): a {@link MapValue}. */
    MAP,
    /** A JSON value (Feldera's VARIANT): a {@link Variant}; JSON null is {@link Variant#JSON_NULL}, not SQL NULL. */
    VARIANT;

    /** True for TINYINT, SMALLINT, INTEGER and BIGINT. */
    public boolean isInteger() {
        return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /** True for integer kinds, DECIMAL, REAL and DOUBLE. */
    public boolean isNumeric() {
        return isInteger() || this == DECIMAL || this == REAL || this == DOUBLE;
    }

    /** True for REAL and DOUBLE. */
    public boolean isApproximate() {
        return this == REAL || this == DOUBLE;
    }

    /** True for CHAR and VARCHAR. */
    public boolean isString() {
        return this == CHAR || this == VARCHAR;
    }

    /** True for DATE, TIME and TIMESTAMP. */
    public boolean isDatetime() {
        return this == DATE || this == TIME || this == TIMESTAMP;
    }

    /** True for both interval kinds. */
    public boolean isInterval() {
        return this == INTERVAL_DAY_TIME || this == INTERVAL_YEAR_MONTH;
    }

    /** Smallest value of an integer kind. */
    public long minValue() {
        switch (this) {
            case TINYINT: return Byte.MIN_VALUE;
            case SMALLINT: return Short.MIN_VALUE;
            case INTEGER: return Integer.MIN_VALUE;
            case BIGINT: return Long.MIN_VALUE;
            default: throw new IllegalStateException("not an integer kind: " + this);
        }
    }

    /** Largest value of an integer kind. */
    public long maxValue() {
        switch (this) {
            case TINYINT: return Byte.MAX_VALUE;
            case SMALLINT: return Short.MAX_VALUE;
            case INTEGER: return Integer.MAX_VALUE;
            case BIGINT: return Long.MAX_VALUE;
            default: throw new IllegalStateException("not an integer kind: " + this);
        }
    }
}
