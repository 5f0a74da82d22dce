package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.internal.engine.CircuitStepException;
import io.pipelinemanager.core.internal.engine.ColumnDefault;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.zset.ZSet;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * Evaluates a column's {@code DEFAULT} once, when the program compiles: the expression must be constant (a literal
 * or an expression of literals and functions, no column), is cast to the column's type like
 * {@code CAST(expr AS type)} and evaluated by the engine, so ingress gets an engine value of the column's type.
 */
final class ColumnDefaults {
    private ColumnDefaults() {
    }

    /** The default of {@code column}, of type {@code type}; an expression that is no constant of it is a compile error. */
    static ColumnDefault evaluate(SqlColumnDeclaration column, RelDataType type) throws CompileException {
        String name = column.name.getSimple();
        String expression = column.expression.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        String sql = "SELECT CAST(" + expression + " AS " + SqlTypes.describe(type) + ")";
        Object value;
        try {
            CompiledQuery query = SqlCompiler.compileQuery(List.of(), sql);
            ZSet rows = query.definition().evaluate(Map.of(), null).get(query.view());
            value = rows.row(0).get(0);
        } catch (CompileException e) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID, "DEFAULT of column " + name
                    + " must be a constant of its type " + SqlTypes.describe(type) + ": " + e.diagnostic().message(),
                    column.expression));
        } catch (CircuitStepException | SqlRuntimeException e) {
            Throwable cause = e instanceof CircuitStepException && e.getCause() != null ? e.getCause() : e;
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID, "DEFAULT of column " + name
                    + " cannot be computed: " + cause.getMessage(), column.expression));
        }
        if (value == null && !type.isNullable()) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID, "DEFAULT of column " + name
                    + " is NULL, but the column is NOT NULL", column.expression));
        }
        return new ColumnDefault(value);
    }
}
