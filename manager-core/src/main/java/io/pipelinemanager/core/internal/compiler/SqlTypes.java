package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.compiler.plan.TypeMapper;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;

/** Column type resolution for CREATE TABLE, and type names as the public schema shows them. */
final class SqlTypes {

    private static final Set<String> STRING_ALIASES = Set.of("TEXT", "STRING");

    private SqlTypes() {
    }

    /**
     * The type a column declaration names; {@code TEXT}/{@code STRING} are accepted as VARCHAR and
     * {@code INTERVAL_DAY_TO_SECOND}-style names (see {@link DdlRewriter}) as interval types.
     */
    static RelDataType resolve(SqlDataTypeSpec spec, SqlValidator validator, RelDataTypeFactory factory) {
        boolean nullable = spec.getNullable() == null || spec.getNullable();
        if (spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec udt) {
            String name = udt.getTypeName().getSimple().toUpperCase(Locale.ROOT);
            if (STRING_ALIASES.contains(name)) {
                return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), nullable);
            }
            if (name.startsWith("INTERVAL_")) {
                return factory.createTypeWithNullability(factory.createSqlIntervalType(interval(name)), nullable);
            }
        }
        return nullableComponents(spec.deriveType(validator, nullable), factory);
    }

    /**
     * The type with every ROW field, MAP value and ARRAY element nullable (as PostgreSQL's composite fields and
     * array elements always are; Calcite makes {@code ROW(a INT)} fields NOT NULL) and MAP keys NOT NULL.
     */
    static RelDataType nullableComponents(RelDataType type, RelDataTypeFactory factory) {
        RelDataType out = switch (type.getSqlTypeName()) {
            case ROW -> {
                RelDataTypeFactory.Builder b = factory.builder();
                for (RelDataTypeField f : type.getFieldList()) {
                    b.add(f.getName(), factory.createTypeWithNullability(nullableComponents(f.getType(), factory), true));
                }
                yield b.build();
            }
            case MAP -> factory.createMapType(
                    factory.createTypeWithNullability(nullableComponents(type.getKeyType(), factory), false),
                    factory.createTypeWithNullability(nullableComponents(type.getValueType(), factory), true));
            case ARRAY -> factory.createArrayType(
                    factory.createTypeWithNullability(nullableComponents(type.getComponentType(), factory), true), -1);
            default -> type;
        };
        return out == type ? type : factory.createTypeWithNullability(out, type.isNullable());
    }

    /**
     * Why a column of this type cannot be a table column, or null when it can: MAP keys of table columns must
     * be strings (JSON objects, the ingress form of a map, have string keys), at any depth.
     */
    static String tableColumnProblem(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case MAP -> !SqlTypeUtil.inCharFamily(type.getKeyType())
                    ? "a MAP column must have VARCHAR (or CHAR) keys, as JSON object keys are strings; got MAP<"
                            + describe(type.getKeyType()) + ", " + describe(type.getValueType()) + ">"
                    : tableColumnProblem(type.getValueType());
            case ARRAY -> tableColumnProblem(type.getComponentType());
            case ROW -> type.getFieldList().stream().map(f -> tableColumnProblem(f.getType()))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            default -> null;
        };
    }

    private static SqlIntervalQualifier interval(String name) {
        String[] parts = name.substring("INTERVAL_".length()).split("_TO_");
        TimeUnit start = TimeUnit.valueOf(parts[0]);
        TimeUnit end = parts.length > 1 ? TimeUnit.valueOf(parts[1]) : null;
        return new SqlIntervalQualifier(start, end, SqlParserPos.ZERO);
    }

    /** A type's SQL name without nullability, e.g. {@code DECIMAL(10, 2)}, {@code VARCHAR(30)} or {@code TIMESTAMP}. */
    static String describe(RelDataType type) {
        if (type.getSqlTypeName() == SqlTypeName.ARRAY) {
            return describe(type.getComponentType()) + " ARRAY";
        }
        if (type.getSqlTypeName() == SqlTypeName.ROW) {
            StringBuilder sb = new StringBuilder("ROW(");
            for (RelDataTypeField f : type.getFieldList()) {
                sb.append(f.getIndex() == 0 ? "" : ", ").append(TypeMapper.quotedFieldName(f.getName(), f.getIndex()))
                        .append(' ').append(describe(f.getType())).append(f.getType().isNullable() ? "" : " NOT NULL");
            }
            return sb.append(')').toString();
        }
        if (type.getSqlTypeName() == SqlTypeName.MAP) {
            return "MAP<" + describe(type.getKeyType()) + ", " + describe(type.getValueType()) + ">";
        }
        String s = type.toString();
        if ((type.getSqlTypeName() == SqlTypeName.TIME || type.getSqlTypeName() == SqlTypeName.TIMESTAMP)
                && s.endsWith("(0)")) {
            return s.substring(0, s.length() - 3);
        }
        return s;
    }
}
