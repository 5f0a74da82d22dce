package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps Calcite types to engine {@link SqlType}s. */
public final class TypeMapper {

    private TypeMapper() {
    }

    /** The engine type of a Calcite type; throws {@link UnsupportedPlanException} for types the engine lacks. */
    public static SqlType map(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        boolean nullable = type.isNullable();
        SqlType base = switch (name) {
            case BOOLEAN -> SqlType.bool();
            case TINYINT -> SqlType.tinyint();
            case SMALLINT -> SqlType.smallint();
            case INTEGER -> SqlType.integer();
            case BIGINT -> SqlType.bigint();
            // A DECIMAL without precision (its name prints without one) is unconstrained: no rounding.
            case DECIMAL -> type.toString().contains("(")
                    ? SqlType.decimal(type.getPrecision(), Math.max(type.getScale(), 0))
                    : new SqlType(TypeKind.DECIMAL, -1, 0, false);
            case REAL -> SqlType.real();
            case FLOAT, DOUBLE -> SqlType.dbl();
            case CHAR -> SqlType.character(type.getPrecision());
            case VARCHAR -> SqlType.varchar(type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                    || type.getPrecision() >= Integer.MAX_VALUE / 2 ? -1 : type.getPrecision());
            case DATE -> SqlType.date();
            case TIME -> SqlType.time();
            case TIMESTAMP -> SqlType.timestamp();
            case NULL -> SqlType.nullType();
            case ARRAY -> SqlType.array(map(type.getComponentType()));
            case ROW -> SqlType.row(fieldNames(type), columns(type));
            case MAP -> SqlType.map(map(type.getKeyType()), map(type.getValueType()));
            case VARIANT -> SqlType.variant();
            default -> interval(name);
        };
        return base.withNullable(nullable || name == SqlTypeName.NULL);
    }

    /** The engine types of a row type's columns. */
    public static List<SqlType> columns(RelDataType rowType) {
        List<SqlType> out = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            out.add(map(f.getType()));
        }
        return out;
    }

    /**
     * The name a ROW field is known by: its declared name, or for an anonymous field of {@code ROW(x, y)}
     * (Calcite names them {@code EXPR$0}, ...) PostgreSQL's {@code f1}, {@code f2}, ...
     */
    public static String fieldName(String name, int index) {
        return name.startsWith("EXPR$") ? "f" + (index + 1) : name;
    }

    /** A field name as SQL text: as is when it is a simple identifier, else double-quoted. */
    public static String quotedFieldName(String name, int index) {
        String n = fieldName(name, index);
        return n.matches("[A-Za-z_][A-Za-z0-9_]*") ? n : "\"" + n.replace("\"", "\"\"") + "\"";
    }

    private static List<String> fieldNames(RelDataType rowType) {
        List<String> out = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            out.add(fieldName(f.getName(), f.getIndex()));
        }
        return out;
    }

    private static SqlType interval(SqlTypeName name) {
        if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(name)) {
            return SqlType.of(TypeKind.INTERVAL_YEAR_MONTH);
        }
        if (SqlTypeName.DAY_INTERVAL_TYPES.contains(name)) {
            return SqlType.of(TypeKind.INTERVAL_DAY_TIME);
        }
        throw new UnsupportedPlanException("type " + name + " is not supported");
    }
}
