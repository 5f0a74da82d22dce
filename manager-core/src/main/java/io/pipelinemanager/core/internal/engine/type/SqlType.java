package io.pipelinemanager.core.internal.engine.type;

import java.util.List;

/**
 * An engine SQL type: kind, precision (length for strings, -1 = unbounded/unspecified),
 * scale (DECIMAL only), nullability and, for the structured kinds, the component types
 * ({@link TypeKind#ARRAY}: the element type).
 */
public record SqlType(TypeKind kind, int precision, int scale, boolean nullable, List<SqlType> components) {

    /** Default precision of DECIMAL when none is given. */
    public static final int DEFAULT_DECIMAL_PRECISION = 19;
    /** Largest DECIMAL precision the engine accepts. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** Validating constructor. */
    public SqlType {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (kind == TypeKind.DECIMAL && precision > 0 && (scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("bad DECIMAL(" + precision + "," + scale + ")");
        }
        if (kind == TypeKind.NULL) {
            nullable = true;
        }
        components = components == null ? List.of() : List.copyOf(components);
        if (kind == TypeKind.ARRAY && components.size() != 1) {
            throw new IllegalArgumentException("an ARRAY type has one element type");
        }
    }

    /** A type without components (every kind but ARRAY). */
    public SqlType(TypeKind kind, int precision, int scale, boolean nullable) {
        this(kind, precision, scale, nullable, List.of());
    }

    /** A not-null type of the given kind without precision. */
    public static SqlType of(TypeKind kind) {
        return new SqlType(kind, -1, 0, false);
    }

    /** BOOLEAN NOT NULL. */
    public static SqlType bool() { return of(TypeKind.BOOLEAN); }
    /** TINYINT NOT NULL. */
    public static SqlType tinyint() { return of(TypeKind.TINYINT); }
    /** SMALLINT NOT NULL. */
    public static SqlType smallint() { return of(TypeKind.SMALLINT); }
    /** INTEGER NOT NULL. */
    public static SqlType integer() { return of(TypeKind.INTEGER); }
    /** BIGINT NOT NULL. */
    public static SqlType bigint() { return of(TypeKind.BIGINT); }
    /** REAL NOT NULL. */
    public static SqlType real() { return of(TypeKind.REAL); }
    /** DOUBLE NOT NULL. */
    public static SqlType dbl() { return of(TypeKind.DOUBLE); }
    /** DATE NOT NULL. */
    public static SqlType date() { return of(TypeKind.DATE); }
    /** TIME NOT NULL. */
    public static SqlType time() { return of(TypeKind.TIME); }
    /** TIMESTAMP NOT NULL. */
    public static SqlType timestamp() { return of(TypeKind.TIMESTAMP); }
    /** The type of the NULL literal. */
    public static SqlType nullType() { return of(TypeKind.NULL); }

    /** DECIMAL(p,s) NOT NULL. */
    public static SqlType decimal(int precision, int scale) {
        return new SqlType(TypeKind.DECIMAL, precision, scale, false);
    }

    /** VARCHAR(n) NOT NULL; n = -1 means unbounded. */
    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, length, 0, false);
    }

    /** CHAR(n) NOT NULL. */
    public static SqlType character(int length) {
        return new SqlType(TypeKind.CHAR, length, 0, false);
    }

    /** {@code element ARRAY} NOT NULL. */
    public static SqlType array(SqlType element) {
        return new SqlType(TypeKind.ARRAY, -1, 0, false, List.of(element));
    }

    /** The element type of an ARRAY type. */
    public SqlType elementType() {
        if (kind != TypeKind.ARRAY) {
            throw new IllegalStateException("not an ARRAY type: " + this);
        }
        return components.get(0);
    }

    /** This type, nullable. */
    public SqlType asNullable() {
        return withNullable(true);
    }

    /** This type with the given nullability. */
    public SqlType withNullable(boolean isNullable) {
        return isNullable == nullable ? this : new SqlType(kind, precision, scale, isNullable, components);
    }

    /** DECIMAL precision, defaulting when unspecified. */
    public int decimalPrecision() {
        return precision > 0 ? precision : DEFAULT_DECIMAL_PRECISION;
    }

    @Override
    public String toString() {
        if (kind == TypeKind.ARRAY) {
            return elementType() + " ARRAY" + (nullable ? "" : " NOT NULL");
        }
        String base = kind.name();
        if (kind == TypeKind.DECIMAL && precision > 0) {
            base += "(" + precision + "," + scale + ")";
        } else if (kind.isString() && precision >= 0) {
            base += "(" + precision + ")";
        }
        return nullable ? base : base + " NOT NULL";
    }
}
