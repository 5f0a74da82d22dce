package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.api.SourceRange;
import io.pipelinemanager.core.internal.compiler.plan.TypeMapper;
import io.pipelinemanager.core.internal.engine.operator.Lateness;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * Checks the {@code LATENESS} attributes of a CREATE TABLE against the column types: one column per table, of an
 * ordered type (TIMESTAMP, DATE or a number); an interval for TIMESTAMP and DATE, a number for numeric columns;
 * never negative. Every problem is a diagnostic at the attribute.
 */
final class LatenessDeclarations {

    private LatenessDeclarations() {
    }

    /** The table's lateness, or null when it declares none. */
    static Lateness declare(String table, RelDataType rowType, List<LatenessClause> clauses) throws CompileException {
        if (clauses.isEmpty()) {
            return null;
        }
        if (clauses.size() > 1) {
            throw error(DiagnosticCodes.UNSUPPORTED, "table " + table + " declares LATENESS on more than one column; "
                    + "only one LATENESS column per table is supported", clauses.get(1).keyword());
        }
        LatenessClause c = clauses.get(0);
        RelDataTypeField field = rowType.getField(c.column(), false, false);
        if (field == null) {
            throw error(DiagnosticCodes.INVALID, "cannot tell which column of " + table + " the LATENESS belongs to",
                    c.keyword());
        }
        TypeKind kind = TypeMapper.map(field.getType()).kind();
        boolean datetime = kind == TypeKind.TIMESTAMP || kind == TypeKind.DATE;
        if (!datetime && !kind.isNumeric()) {
            throw error(DiagnosticCodes.TYPE_ERROR, "LATENESS needs a column whose values advance with time: "
                    + "TIMESTAMP, DATE or a number; column " + field.getName() + " is " + SqlTypes.describe(field.getType()),
                    c.keyword());
        }
        String expected = datetime ? "an interval such as INTERVAL '1' HOUR" : "a number such as 10";
        if (c.value().isBlank()) {
            throw error(DiagnosticCodes.SYNTAX_ERROR, "LATENESS of column " + field.getName() + " needs a constant: "
                    + expected, c.keyword());
        }
        SqlNode value;
        try {
            value = SqlParser.create(c.value(), CalciteSetup.PARSER).parseExpression();
        } catch (SqlParseException e) {
            throw error(DiagnosticCodes.SYNTAX_ERROR, "LATENESS of column " + field.getName() + " must be a constant, "
                    + expected + ", not " + c.value(), c.valueRange());
        }
        boolean negative = false;
        if (value instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
            negative = true;
            value = call.operand(0);
        }
        int column = rowType.getFieldList().indexOf(field);
        if (value instanceof SqlIntervalLiteral literal) {
            if (!datetime) {
                throw error(DiagnosticCodes.TYPE_ERROR, "LATENESS of column " + field.getName() + " ("
                        + SqlTypes.describe(field.getType()) + ") must be a number, not an interval", c.valueRange());
            }
            SqlIntervalLiteral.IntervalValue interval = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            boolean yearMonth = interval.getIntervalQualifier().isYearMonth();
            long amount;
            try {
                amount = (yearMonth ? SqlParserUtil.intervalToMonths(interval) : SqlParserUtil.intervalToMillis(interval))
                        * interval.getSign() * (negative ? -1 : 1);
            } catch (RuntimeException e) {
                throw error(DiagnosticCodes.INVALID, "LATENESS of column " + field.getName() + ": not a valid interval: "
                        + c.value(), c.valueRange());
            }
            checkNotNegative(amount < 0, field, c);
            return yearMonth ? Lateness.ofInterval(column, kind, 0, amount) : Lateness.ofInterval(column, kind, amount, 0);
        }
        if (value instanceof SqlNumericLiteral number) {
            if (datetime) {
                throw error(DiagnosticCodes.TYPE_ERROR, "LATENESS of column " + field.getName() + " ("
                        + SqlTypes.describe(field.getType()) + ") must be " + expected + ", not a number", c.valueRange());
            }
            BigDecimal amount = number.getValueAs(BigDecimal.class);
            amount = negative ? amount.negate() : amount;
            checkNotNegative(amount.signum() < 0, field, c);
            return Lateness.ofNumber(column, kind, amount);
        }
        throw error(DiagnosticCodes.INVALID, "LATENESS of column " + field.getName() + " must be a constant, " + expected
                + ", not " + c.value(), c.valueRange());
    }

    private static void checkNotNegative(boolean negative, RelDataTypeField field, LatenessClause c)
            throws CompileException {
        if (negative) {
            throw error(DiagnosticCodes.INVALID, "LATENESS of column " + field.getName() + " must not be negative: "
                    + c.value(), c.valueRange());
        }
    }

    private static CompileException error(String code, String message, SourceRange at) {
        return new CompileException(Diagnostic.error(code, message, at));
    }
}
