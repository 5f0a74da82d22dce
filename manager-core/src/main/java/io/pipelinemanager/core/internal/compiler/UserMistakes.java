package io.pipelinemanager.core.internal.compiler;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Mistakes in a statement that Calcite's validator lets through and a later stage would only report
 * as an internal failure: type arguments out of range ({@code DECIMAL(0, 0)}, {@code DECIMAL(5, 10)},
 * {@code DECIMAL(1000, 2)}, {@code VARCHAR(0)}) and {@code ROWS} window frames whose offset is not a
 * non-negative integer. Each is an error at the offending syntax.
 */
final class UserMistakes {

    private static final int MAX_DECIMAL = CompilerTypeSystem.INSTANCE.getMaxPrecision(SqlTypeName.DECIMAL);

    private UserMistakes() {
    }

    /** Throws the first mistake found in the statement or query. */
    static void check(StatementShape shape) throws CompileException {
        for (SqlDataTypeSpec type : shape.types()) {
            checkType(type);
        }
        for (SqlWindow window : shape.windows()) {
            if (window.isRows()) {
                checkRowsOffset(window.getLowerBound());
                checkRowsOffset(window.getUpperBound());
            }
        }
    }

    private static void checkType(SqlDataTypeSpec spec) throws CompileException {
        if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
            return;
        }
        String name = basic.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        int precision = basic.getPrecision();
        int scale = basic.getScale();
        switch (name) {
            case "DECIMAL", "NUMERIC", "DEC" -> {
                if (precision != -1 && (precision < 1 || precision > MAX_DECIMAL)) {
                    throw typeError(name + " precision must be between 1 and " + MAX_DECIMAL + ", not " + precision,
                            spec);
                }
                if (precision != -1 && scale != -1 && scale != Integer.MIN_VALUE && (scale < 0 || scale > precision)) {
                    throw typeError(name + " scale must be between 0 and the precision (" + precision + "), not "
                            + scale, spec);
                }
            }
            case "CHAR", "CHARACTER", "VARCHAR" -> {
                if (precision != -1 && precision < 1) {
                    throw typeError(name + " length must be at least 1, not " + precision, spec);
                }
            }
            default -> {
            }
        }
    }

    private static void checkRowsOffset(SqlNode bound) throws CompileException {
        if (bound instanceof SqlCall call && (call.getKind() == SqlKind.PRECEDING || call.getKind() == SqlKind.FOLLOWING)
                && !call.getOperandList().isEmpty()) {
            SqlNode offset = call.getOperandList().get(0);
            boolean integer = offset instanceof SqlNumericLiteral n && n.isExact() && n.isInteger()
                    && n.bigDecimalValue() != null && n.bigDecimalValue().signum() >= 0;
            if (!integer && !(offset instanceof SqlCall)) {
                throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID,
                        "a ROWS frame offset must be a non-negative integer, not " + offset, offset));
            }
        }
    }

    private static CompileException typeError(String message, SqlNode at) {
        return new CompileException(Diagnostics.error(DiagnosticCodes.TYPE_ERROR, message, at));
    }
}
