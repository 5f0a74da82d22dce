package io.pipelinemanager.core.internal.compiler;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.function.Supplier;

/**
 * Calcite type rules with PostgreSQL-like aggregate result types (SUM of integers is BIGINT; AVG, VAR_* and
 * STDDEV_* of exact numbers are the unconstrained DECIMAL, whose scale the value picks as PostgreSQL's numeric does) and PostgreSQL's unconstrained {@code DECIMAL}: arithmetic, SUM
 * and AVG over it are unconstrained too.
 */
final class CompilerTypeSystem extends RelDataTypeSystemImpl {

    /** The shared instance (the type system is stateless). */
    static final CompilerTypeSystem INSTANCE = new CompilerTypeSystem();

    private static final int MAX_DECIMAL = 38;

    private CompilerTypeSystem() {
    }

    /** CASE/UNION branches of CHAR literals of different lengths get VARCHAR (no blank padding), as in PostgreSQL. */
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    /** DECIMAL precision and scale up to 38 (the engine's limit) instead of Calcite's default 19. */
    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
    }

    @Override
    @SuppressWarnings("deprecation")
    public int getMaxNumericPrecision() {
        return MAX_DECIMAL;
    }

    @Override
    @SuppressWarnings("deprecation")
    public int getMaxNumericScale() {
        return MAX_DECIMAL;
    }

    /**
     * Whether a type is the unconstrained {@code DECIMAL} (a bare {@code DECIMAL}/{@code NUMERIC}, as
     * PostgreSQL's unconstrained {@code numeric}): values keep their own scale, nothing is rounded. Calcite
     * has no such type; the compiler's type factory makes it a {@code DECIMAL} whose precision and scale
     * were never given (its name prints without them), and the rules below keep it through arithmetic.
     */
    static boolean isUnconstrainedDecimal(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.DECIMAL && !type.toString().contains("(");
    }

    /** The unconstrained DECIMAL when an exact operand is unconstrained (and the other exact), else {@code otherwise}. */
    private static RelDataType unconstrainedOr(RelDataTypeFactory factory, RelDataType a, RelDataType b,
                                               Supplier<RelDataType> otherwise) {
        if ((isUnconstrainedDecimal(a) || isUnconstrainedDecimal(b))
                && SqlTypeUtil.isExactNumeric(a) && SqlTypeUtil.isExactNumeric(b)) {
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DECIMAL),
                    a.isNullable() || b.isNullable());
        }
        return otherwise.get();
    }

    @Override
    public RelDataType deriveDecimalPlusType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
        return unconstrainedOr(factory, a, b, () -> super.deriveDecimalPlusType(factory, a, b));
    }

    @Override
    public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
        return unconstrainedOr(factory, a, b, () -> super.deriveDecimalMultiplyType(factory, a, b));
    }

    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
        return unconstrainedOr(factory, a, b, () -> super.deriveDecimalDivideType(factory, a, b));
    }

    @Override
    public RelDataType deriveDecimalModType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
        return unconstrainedOr(factory, a, b, () -> super.deriveDecimalModType(factory, a, b));
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
        if (isUnconstrainedDecimal(argumentType)) {
            return argumentType;
        }
        if (SqlTypeUtil.isExactNumeric(argumentType) && argumentType.getScale() == 0
                && argumentType.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return factory.createTypeWithNullability(
                    factory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
        }
        return super.deriveSumType(factory, argumentType);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
        if (isUnconstrainedDecimal(argumentType)) {
            return argumentType;
        }
        if (SqlTypeUtil.isExactNumeric(argumentType)) {
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DECIMAL), argumentType.isNullable());
        }
        return super.deriveAvgAggType(factory, argumentType);
    }
}
