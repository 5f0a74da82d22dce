package io.pipelinemanager.core.internal.engine.type;

import java.util.List;

/**
 * An engine SQL type: kind, precision (length for strings, -1 = unbounded/unspecified),
 * scale (DECIMAL only), nullability and, for the structured kinds, the component types
 * ({@link TypeKind#ARRAY}: the element type; {@link TypeKind#ROW}: the field types, with their names in
 * {@code fieldNames}; {@link TypeKind#MAP}: the key type, then the value type).
 */
public record SqlType(TypeKind kind, int precision, int scale, boolean nullable, List<SqlType> components,
                      List<String> fieldNames) {

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
        fieldNames = fieldNames == null ? List.of() : List.copyOf(fieldNames);
        if (kind == TypeKind.ROW && (components.isEmpty() || fieldNames.size() != components.size())) {
            throw new IllegalArgumentException("a ROW type has at least one field, each with a name and a type");
        }
        if (kind == TypeKind.MAP && components.size() != 2) {
            throw new IllegalArgumentException("a MAP type has a key type and a value type");
        }
    }

    /** A type with components but without field names (every kind but ROW). */
    public SqlType(TypeKind kind, int precision, int scale, boolean nullable, List<SqlType> components) {
        this(kind, precision, scale, nullable, components, List.of());
    }

    /** A type without components (every kind but ARRAY, ROW and MAP). */
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

    /** {@code VARIANT} NOT NULL. */
    public static SqlType variant() {
        return new SqlType(TypeKind.VARIANT, -1, 0, false);
    }

    /** The element type of an ARRAY type. */
    public SqlType elementType() {
        if (kind != TypeKind.ARRAY) {
            throw new IllegalStateException("not an ARRAY type: " + this);
        }
        return components.get(0);
    }

    /** {@code ROW(name1 type1, ...)} NOT NULL: a composite value with named fields. */
    public static SqlType row(List<String> names, List<SqlType> types) {
        return new SqlType(TypeKind.ROW, -1, 0, false, types, names);
    }

    /** The field types of a ROW type. */
    public List<SqlType> fieldTypes() {
        if (kind != TypeKind.ROW) {
            throw new IllegalStateException("not a ROW type: " + this);
        }
        return components;
    }

    /** {@code MAP<key, value>} NOT NULL. */
    public static SqlType map(SqlType key, SqlType value) {
        return new SqlType(TypeKind.MAP, -1, 0, false, List.of(key, value));
    }

    /** The key type of a MAP type. */
    public SqlType keyType() {
        if (kind != TypeKind.MAP) {
            throw new IllegalStateException("not a MAP type: " + this);
        }
        return components.get(0);
    }

    /** The value type of a MAP type. */
    public SqlType valueType() {
        if (kind != TypeKind.MAP) {
            throw new IllegalStateException("not a MAP type: " + this);
        }
        return components.get(1);
    }

    /** This type, nullable. */
    public SqlType asNullable() {
        return withNullable(true);
    }

    /** This type with the given nullability. */
    public SqlType withNullable(boolean isNullable) {
        return isNullable == nullable ? this : new SqlType(kind, precision, scale, isNullable, components, fieldNames);
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
        if (kind == TypeKind.ROW) {
            StringBuilder sb = new StringBuilder("ROW(");
            for (int i = 0; i < components.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(fieldNames.get(i)).append(' ').append(components.get(i));
            }
            return sb.append(')').append(nullable ? "" : " NOT NULL").toString();
        }
        if (kind == TypeKind.MAP) {
            // Keys are never NULL: their type prints without NOT NULL.
            return "MAP<" + keyType().asNullable() + ", " + valueType() + ">" + (nullable ? "" : " NOT NULL");
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
