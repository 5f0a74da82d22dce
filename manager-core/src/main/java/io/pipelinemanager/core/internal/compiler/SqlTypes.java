package io.pipelinemanager.core.internal.compiler;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/** Column type resolution for CREATE TABLE, and type names as the public schema shows them. */
final class SqlTypes {

    private static final Set<String> STRING_ALIASES = Set.of("TEXT", "STRING");

    private SqlTypes() {
    }

    /** The type a column declaration names; {@code TEXT}/{@code STRING} are accepted as VARCHAR. */
    static RelDataType resolve(SqlDataTypeSpec spec, SqlValidator validator, RelDataTypeFactory factory) {
        boolean nullable = spec.getNullable() == null || spec.getNullable();
        if (spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec udt
                && STRING_ALIASES.contains(udt.getTypeName().getSimple().toUpperCase(Locale.ROOT))) {
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), nullable);
        }
        return spec.deriveType(validator, nullable);
    }

    /** A type's SQL name without nullability, e.g. {@code DECIMAL(10, 2)} or {@code VARCHAR(30)}. */
    static String describe(RelDataType type) {
        return type.toString();
    }
}
