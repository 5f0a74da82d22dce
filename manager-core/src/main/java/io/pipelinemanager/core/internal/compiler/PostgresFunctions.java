package io.pipelinemanager.core.internal.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions a program may call: Calcite's standard operators plus the PostgreSQL functions the engine
 * evaluates (Calcite's PostgreSQL-library definitions where they have PostgreSQL's argument order, and
 * {@code DATE_TRUNC}, {@code MAKE_DATE}, {@code REGEXP_MATCH} and {@code REVERSE} defined here). Only functions the engine can
 * evaluate are listed, so an unsupported PostgreSQL function is an unknown function at compile time.
 */
final class PostgresFunctions {

    /** PostgreSQL-library functions of Calcite taken as they are. */
    private static final Set<String> FROM_LIBRARY = Set.of("CONCAT", "CONCAT_WS", "LEFT", "RIGHT",
            "REPEAT", "SPLIT_PART", "MD5", "REGEXP_REPLACE", "REGEXP_LIKE", "GREATEST", "LEAST", "TO_CHAR",
            "DATE_PART", "STRING_AGG", "BOOL_AND", "BOOL_OR", "LENGTH", "STRPOS", "STARTS_WITH", "ILIKE", "NOT ILIKE",
            "CHR");

    /** DATE_TRUNC(unit, datetime) in PostgreSQL's argument order (Calcite's is BigQuery's). */
    static final SqlOperator DATE_TRUNC = SqlBasicFunction.create("DATE_TRUNC", ReturnTypes.ARG1_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME), SqlFunctionCategory.TIMEDATE);

    /** MAKE_DATE(year, month, day). */
    static final SqlOperator MAKE_DATE = SqlBasicFunction.create("MAKE_DATE",
            ReturnTypes.explicit(SqlTypeName.DATE).andThen(SqlTypeTransforms.TO_NULLABLE),
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            SqlFunctionCategory.TIMEDATE);

    /** EXTRACT of SECOND, MILLISECOND or EPOCH with its fraction, as a DECIMAL (see {@link ExtractRewriter}). */
    static final SqlOperator EXTRACT_NUMERIC = SqlBasicFunction.create("EXTRACT_NUMERIC",
            ReturnTypes.explicit(SqlTypeName.DECIMAL).andThen(SqlTypeTransforms.TO_NULLABLE),
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME_INTERVAL)),
            SqlFunctionCategory.TIMEDATE);

    /** Feldera's PARSE_JSON(text): the JSON value as a VARIANT, NULL when the text is not JSON. */
    static final SqlOperator PARSE_JSON = SqlBasicFunction.create("PARSE_JSON",
            ReturnTypes.explicit(SqlTypeName.VARIANT).andThen(SqlTypeTransforms.FORCE_NULLABLE),
            OperandTypes.family(SqlTypeFamily.CHARACTER), SqlFunctionCategory.SYSTEM);

    /** Feldera's TO_JSON(variant): the value as compact JSON text. */
    static final SqlOperator TO_JSON = SqlBasicFunction.create("TO_JSON",
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE),
            OperandTypes.family(SqlTypeFamily.VARIANT), SqlFunctionCategory.SYSTEM);

    /** REGEXP_MATCH(s, pattern[, flags]): the captures of the first match as a VARCHAR array, NULL if none. */
    static final SqlOperator REGEXP_MATCH = SqlBasicFunction.create("REGEXP_MATCH",
            opBinding -> opBinding.getTypeFactory().createTypeWithNullability(opBinding.getTypeFactory().createArrayType(
                    opBinding.getTypeFactory().createTypeWithNullability(
                            opBinding.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), true), -1), true),
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
            SqlFunctionCategory.STRING);

    /** LPAD(s, n[, fill]) and RPAD: NULL when an argument is NULL (Calcite's definition says NOT NULL). */
    static final SqlOperator LPAD = pad("LPAD");
    static final SqlOperator RPAD = pad("RPAD");

    private static SqlOperator pad(String name) {
        return SqlBasicFunction.create(name, ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE),
                OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
                        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER)),
                SqlFunctionCategory.STRING);
    }

    /**
     * {@code NOW()}: the circuit's clock (UTC, millisecond precision) as a TIMESTAMP, like CURRENT_TIMESTAMP;
     * dynamic, so the planner never folds it. Only temporal filters may use it (see the plan package).
     */
    static final SqlOperator NOW = new SqlFunction("NOW", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3), null, OperandTypes.NILADIC, SqlFunctionCategory.TIMEDATE) {
        @Override
        public boolean isDynamicFunction() {
            return true;
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    };

    /** The operator table of the compiler's validator. */
    static final SqlOperatorTable TABLE = table();

    private PostgresFunctions() {
    }

    private static SqlOperatorTable table() {
        List<SqlOperator> extra = new ArrayList<>();
        for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL)
                .getOperatorList()) {
            if (FROM_LIBRARY.contains(op.getName())) {
                extra.add(op);
            }
        }
        for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.MYSQL)
                .getOperatorList()) {
            if (op.getKind() == SqlKind.REVERSE) {
                extra.add(op);
            }
        }
        // [NOT] RLIKE: what PostgreSQL's ~ and !~ are rewritten to (PostgresSyntax).
        for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.HIVE)
                .getOperatorList()) {
            if (op.getKind() == SqlKind.RLIKE) {
                extra.add(op);
            }
        }
        extra.add(SqlLibraryOperators.ARRAY_AGG);
        // MAP functions of Calcite's Spark library (PostgreSQL has no maps).
        extra.add(SqlLibraryOperators.MAP_KEYS);
        extra.add(SqlLibraryOperators.MAP_VALUES);
        extra.add(NOW);
        extra.add(DATE_TRUNC);
        extra.add(MAKE_DATE);
        extra.add(EXTRACT_NUMERIC);
        extra.add(PARSE_JSON);
        extra.add(TO_JSON);
        extra.add(REGEXP_MATCH);
        extra.add(LPAD);
        extra.add(RPAD);
        return SqlOperatorTables.chain(SqlStdOperatorTable.instance(), SqlOperatorTables.of(extra));
    }
}
