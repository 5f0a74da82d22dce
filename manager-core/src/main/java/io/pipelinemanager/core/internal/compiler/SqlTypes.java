package io.pipelinemanager.core.internal.compiler;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
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
        return spec.deriveType(validator, nullable);
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
        String s = type.toString();
        if ((type.getSqlTypeName() == SqlTypeName.TIME || type.getSqlTypeName() == SqlTypeName.TIMESTAMP)
                && s.endsWith("(0)")) {
            return s.substring(0, s.length() - 3);
        }
        return s;
    }
}
