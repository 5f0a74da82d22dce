package io.pipelinemanager.core.internal.compiler;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's {@code EXTRACT} and {@code DATE_PART} keep fractions of a second ({@code EXTRACT(EPOCH FROM
 * TIMESTAMP '2020-01-01 10:11:12.345')} is 1577873472.345000); Calcite's EXTRACT is a BIGINT. Before
 * validation, extractions of {@code SECOND}, {@code MILLISECOND} and {@code EPOCH} become calls of
 * {@link PostgresFunctions#EXTRACT_NUMERIC}, a DECIMAL with PostgreSQL's scale; other fields, which are whole
 * numbers, stay Calcite's EXTRACT. The call keeps the original's position.
 */
final class ExtractRewriter extends SqlShuttle {

    private static final Set<String> FRACTIONAL = Set.of("SECOND", "MILLISECOND", "EPOCH");

    /** The query with fractional extractions rewritten. */
    static SqlNode rewrite(SqlNode query) {
        return query.accept(new ExtractRewriter());
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlCall c) || c.operandCount() != 2) {
            return visited;
        }
        String field = null;
        if (c.getKind() == SqlKind.EXTRACT && c.operand(0) instanceof SqlIntervalQualifier q) {
            TimeUnit unit = q.getStartUnit();
            field = unit == TimeUnit.EPOCH ? "EPOCH" : unit.name();
        } else if (c.getOperator().getName().equalsIgnoreCase("DATE_PART")
                && c.operand(0) instanceof SqlCharStringLiteral literal) {
            field = literal.getValueAs(String.class).toUpperCase(Locale.ROOT);
            field = field.endsWith("S") && !field.equals("EPOCH") ? field.substring(0, field.length() - 1) : field;
        }
        if (field == null || !FRACTIONAL.contains(field)) {
            return visited;
        }
        return PostgresFunctions.EXTRACT_NUMERIC.createCall(c.getParserPosition(),
                SqlLiteral.createCharString(field, c.operand(0).getParserPosition()), c.operand(1));
    }
}
