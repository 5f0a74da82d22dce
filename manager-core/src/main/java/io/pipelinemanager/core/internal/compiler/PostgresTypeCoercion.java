package io.pipelinemanager.core.internal.compiler;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit type coercion, limited to what PostgreSQL does implicitly. Calcite would compare a
 * BOOLEAN with an INTEGER or a VARCHAR column with a number by inserting a cast that then fails on every
 * row; PostgreSQL has no such operators ({@code operator does not exist: boolean = integer}). Comparisons,
 * IN lists and arithmetic between a number and a BOOLEAN, a non-literal string, a date or time, and
 * between a BOOLEAN and anything but a BOOLEAN are refused at compile time, at the expression. A string
 * literal or NULL stays compatible with any type, as PostgreSQL's untyped literals are.
 */
final class PostgresTypeCoercion extends TypeCoercionImpl {

    PostgresTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    @Override
    public boolean binaryComparisonCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2) {
            check(binding.getCall(), binding.operand(0), binding.getOperandType(0), binding.operand(1),
                    binding.getOperandType(1));
        }
        return super.binaryComparisonCoercion(binding);
    }

    @Override
    public boolean inOperationCoercion(SqlCallBinding binding) {
        SqlNode left = binding.operand(0);
        RelDataType leftType = binding.getOperandType(0);
        if (binding.operand(1) instanceof SqlNodeList list && !leftType.isStruct()) {
            for (SqlNode element : list) {
                check(binding.getCall(), left, leftType, element, validator.deriveType(binding.getScope(), element));
            }
        }
        return super.inOperationCoercion(binding);
    }

    /** LIKE, ILIKE, SIMILAR TO and ~ (RLIKE) take strings only, as in PostgreSQL. */
    @Override
    public boolean builtinFunctionCoercion(SqlCallBinding binding, List<RelDataType> operandTypes,
                                           List<SqlTypeFamily> expectedFamilies) {
        SqlKind kind = binding.getCall().getKind();
        if ((kind == SqlKind.PLUS_PREFIX || kind == SqlKind.MINUS_PREFIX) && binding.getOperandCount() == 1) {
            // PostgreSQL has unary + and - for numbers (and - for intervals) only: "operator does not exist: + text".
            RelDataType type = binding.getOperandType(0);
            if (!SqlTypeUtil.isNumeric(type) && !SqlTypeUtil.isInterval(type) && !untyped(binding.operand(0))
                    && type.getSqlTypeName() != SqlTypeName.NULL) {
                throw refused(binding.getCall(), null, type);
            }
        }
        if (kind == SqlKind.LIKE || kind == SqlKind.RLIKE || kind == SqlKind.SIMILAR) {
            for (int i = 0; i < binding.getOperandCount(); i++) {
                RelDataType type = binding.getOperandType(i);
                if (!SqlTypeUtil.isCharacter(type) && !untyped(binding.operand(i))
                        && type.getSqlTypeName() != SqlTypeName.NULL) {
                    throw refused(binding.getCall(), binding.getOperandType(0),
                            binding.getOperandCount() > 1 ? binding.getOperandType(1) : type);
                }
            }
        }
        return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
    }

    @Override
    public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2 && binding.getCall().getKind().belongsTo(SqlKind.BINARY_ARITHMETIC)) {
            RelDataType a = binding.getOperandType(0);
            RelDataType b = binding.getOperandType(1);
            boolean numericWithOther = (SqlTypeUtil.isNumeric(a) && !SqlTypeUtil.isNumeric(b))
                    || (SqlTypeUtil.isNumeric(b) && !SqlTypeUtil.isNumeric(a));
            boolean bool = a.getSqlTypeName() == SqlTypeName.BOOLEAN || b.getSqlTypeName() == SqlTypeName.BOOLEAN;
            if ((numericWithOther || bool) && !untyped(binding.operand(0)) && !untyped(binding.operand(1))
                    && !SqlTypeUtil.isInterval(a) && !SqlTypeUtil.isInterval(b)) {
                throw refused(binding.getCall(), a, b);
            }
        }
        return super.binaryArithmeticCoercion(binding);
    }

    private static void check(SqlCall call, SqlNode left, RelDataType a, SqlNode right, RelDataType b) {
        if (untyped(left) || untyped(right) || a.getSqlTypeName() == SqlTypeName.NULL
                || b.getSqlTypeName() == SqlTypeName.NULL || a.isStruct() || b.isStruct()) {
            return;
        }
        Kind ka = Kind.of(a);
        Kind kb = Kind.of(b);
        if (ka != Kind.OTHER && kb != Kind.OTHER && ka != kb) {
            throw refused(call, a, b);
        }
    }

    /** A string literal or NULL: PostgreSQL gives it the type the other operand needs. */
    private static boolean untyped(SqlNode node) {
        return node instanceof SqlLiteral literal
                && (literal.getTypeName() == SqlTypeName.CHAR || literal.getTypeName() == SqlTypeName.NULL);
    }

    private static CalciteContextException refused(SqlCall call, RelDataType a, RelDataType b) {
        String op = call.getOperator().getName();
        String message = "operator does not exist: " + (a == null ? "" : name(a) + " ") + op + " " + name(b)
                + (a == null ? " (PostgreSQL has unary " + op + " for numbers and intervals only; write an explicit CAST)"
                        : " (PostgreSQL does not convert between these types implicitly; write an explicit CAST)");
        SqlParserPos pos = call.getParserPosition();
        return new CalciteContextException(message, new SqlValidatorException(message, null),
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    private static String name(RelDataType type) {
        return type.getSqlTypeName().getName().toUpperCase(Locale.ROOT);
    }

    /** Type groups PostgreSQL converts within implicitly. */
    private enum Kind {
        NUMBER, STRING, BOOLEAN, DATETIME, INTERVAL, OTHER;

        static Kind of(RelDataType type) {
            if (SqlTypeUtil.isNumeric(type)) {
                return NUMBER;
            }
            if (SqlTypeUtil.isCharacter(type)) {
                return STRING;
            }
            if (type.getSqlTypeName() == SqlTypeName.BOOLEAN) {
                return BOOLEAN;
            }
            if (SqlTypeUtil.isDatetime(type)) {
                return DATETIME;
            }
            if (SqlTypeUtil.isInterval(type)) {
                return INTERVAL;
            }
            return OTHER;
        }
    }
}
