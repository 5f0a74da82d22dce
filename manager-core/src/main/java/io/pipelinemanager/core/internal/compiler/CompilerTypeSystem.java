package io.pipelinemanager.core.internal.compiler;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/** Calcite type rules with PostgreSQL-like aggregate result types (SUM of integers is BIGINT, AVG of integers is DECIMAL). */
final class CompilerTypeSystem extends RelDataTypeSystemImpl {

    /** The shared instance (the type system is stateless). */
    static final CompilerTypeSystem INSTANCE = new CompilerTypeSystem();

    private CompilerTypeSystem() {
    }

    /** CASE/UNION branches of CHAR literals of different lengths get VARCHAR (no blank padding), as in PostgreSQL. */
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
        if (SqlTypeUtil.isExactNumeric(argumentType) && argumentType.getScale() == 0
                && argumentType.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return factory.createTypeWithNullability(
                    factory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
        }
        return super.deriveSumType(factory, argumentType);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
        if (SqlTypeUtil.isExactNumeric(argumentType) && argumentType.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return factory.createTypeWithNullability(
                    factory.createSqlType(SqlTypeName.DECIMAL, 28, 10), argumentType.isNullable());
        }
        return super.deriveAvgAggType(factory, argumentType);
    }
}
