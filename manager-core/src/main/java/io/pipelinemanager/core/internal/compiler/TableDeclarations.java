package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import io.pipelinemanager.core.internal.engine.ColumnDefault;
import io.pipelinemanager.core.internal.engine.operator.Lateness;
import org.apache.calcite.schema.ColumnStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.pipelinemanager.core.internal.compiler.plan.TypeMapper;
import io.pipelinemanager.core.internal.compiler.plan.UnsupportedPlanException;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.validate.SqlValidator;

/** Turns a {@code CREATE TABLE} statement into a catalog entry, checking names, types and the primary key. */
final class TableDeclarations {

    private TableDeclarations() {
    }

    /** The table a statement declares; problems are reported as a {@link CompileException}. */
    static CatalogEntry declare(SqlCreateTable create, ProgramCatalog catalog, List<String> columnKeys)
            throws CompileException {
        return declare(create, catalog, columnKeys, List.of());
    }

    /** Like {@link #declare(SqlCreateTable, ProgramCatalog, List)}, with the table's LATENESS attributes. */
    static CatalogEntry declare(SqlCreateTable create, ProgramCatalog catalog, List<String> columnKeys,
                                List<LatenessClause> lateness) throws CompileException {
        return declare(create, catalog, columnKeys, lateness, List.of());
    }

    /**
     * Like {@link #declare(SqlCreateTable, ProgramCatalog, List, List)}, with the table's options: only
     * {@code 'append_only' = 'true' | 'false'} (Feldera's name), an append-only table taking inserts only and
     * keeping no rows, hence having no primary key.
     */
    static CatalogEntry declare(SqlCreateTable create, ProgramCatalog catalog, List<String> columnKeys,
                                List<LatenessClause> lateness, List<TableOption> options) throws CompileException {
        if (create.query != null) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                    "CREATE TABLE ... AS SELECT is not supported; declare the columns and use a view", create.query));
        }
        if (create.columnList == null || create.columnList.isEmpty()) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID,
                    "table " + create.name + " declares no columns", create.name));
        }
        JavaTypeFactory typeFactory = CalciteSetup.typeFactory();
        SqlValidator validator = CalciteSetup.validator(CalciteSetup.catalogReader(catalog, Set.of(), typeFactory), typeFactory);
        RelDataTypeFactory.Builder row = typeFactory.builder();
        List<String> primaryKey = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<SqlColumnDeclaration> declared = new ArrayList<>();
        SqlNodeList keyColumns = null;
        for (SqlNode element : create.columnList) {
            if (element instanceof SqlColumnDeclaration column) {
                String name = column.name.getSimple();
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new CompileException(Diagnostics.error(DiagnosticCodes.DUPLICATE_NAME,
                            "column " + name + " is declared twice in table " + create.name, column.name));
                }
                row.add(name, columnType(column, validator, typeFactory));
                declared.add(column);
            } else if (element instanceof SqlKeyConstraint key && key.getOperator().getKind() == SqlKind.PRIMARY_KEY) {
                keyColumns = (SqlNodeList) key.getOperandList().get(1);
            } else {
                throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                        element.getKind() == SqlKind.CHECK ? "CHECK constraints are not supported"
                                : "unsupported table element: " + describe(element), element));
            }
        }
        RelDataType rowType = row.build();
        if ((keyColumns != null && !columnKeys.isEmpty()) || columnKeys.size() > 1) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID,
                    "table " + create.name + " declares more than one primary key", create.name));
        }
        for (String name : columnKeys) {
            if (rowType.getField(name, false, false) == null) {
                throw new CompileException(Diagnostics.error(DiagnosticCodes.INVALID,
                        "cannot tell which column of " + create.name + " is the PRIMARY KEY", create.name));
            }
            primaryKey.add(rowType.getField(name, false, false).getName());
        }
        if (keyColumns != null) {
            for (SqlNode k : keyColumns) {
                String name = ((SqlIdentifier) k).getSimple();
                if (rowType.getField(name, false, false) == null) {
                    throw new CompileException(Diagnostics.error(DiagnosticCodes.UNKNOWN_COLUMN,
                            "primary key column " + name + " is not a column of " + create.name, k));
                }
                primaryKey.add(rowType.getField(name, false, false).getName());
            }
        }
        if (!primaryKey.isEmpty()) {
            rowType = keyNotNull(rowType, primaryKey, typeFactory);
        }
        ColumnDefault[] defaults = new ColumnDefault[declared.size()];
        for (int i = 0; i < defaults.length; i++) {
            if (declared.get(i).expression != null) {
                defaults[i] = ColumnDefaults.evaluate(declared.get(i), rowType.getFieldList().get(i).getType());
            }
        }
        Lateness late = LatenessDeclarations.declare(create.name.getSimple(), rowType, lateness);
        boolean appendOnly = appendOnly(create.name.getSimple(), options);
        if (appendOnly && !primaryKey.isEmpty()) {
            TableOption option = options.stream().filter(o -> "append_only".equals(o.key())).findFirst().orElseThrow();
            throw new CompileException(Diagnostic.error(DiagnosticCodes.INVALID, "table " + create.name
                    + " is append-only and has a PRIMARY KEY: an insert of a key it holds replaces that row, which "
                    + "needs the rows an append-only table does not keep; drop one of the two", option.range()));
        }
        return new CatalogEntry(create.name.getSimple(), CatalogEntry.Kind.TABLE, rowType, primaryKey, false, defaults,
                late, appendOnly);
    }

    /** Whether the options make the table append-only; an unknown option or value is an error at its place. */
    private static boolean appendOnly(String table, List<TableOption> options) throws CompileException {
        boolean appendOnly = false;
        Set<String> seen = new HashSet<>();
        for (TableOption o : options) {
            if (o.key() == null) {
                throw new CompileException(Diagnostic.error(DiagnosticCodes.SYNTAX_ERROR, "table " + table
                        + ": WITH takes a list of 'key' = 'value' options, e.g. WITH ('append_only' = 'true')",
                        o.range()));
            }
            if (!seen.add(o.key())) {
                throw new CompileException(Diagnostic.error(DiagnosticCodes.INVALID, "table " + table
                        + ": option '" + o.key() + "' is given twice", o.range()));
            }
            if (!o.key().equals("append_only")) {
                throw new CompileException(Diagnostic.error(DiagnosticCodes.UNSUPPORTED, "table " + table
                        + ": unknown table option '" + o.key() + "' (supported: 'append_only')", o.range()));
            }
            if (!o.value().equals("true") && !o.value().equals("false")) {
                throw new CompileException(Diagnostic.error(DiagnosticCodes.INVALID, "table " + table
                        + ": option 'append_only' is 'true' or 'false', not '" + o.value() + "'", o.range()));
            }
            appendOnly = o.value().equals("true");
        }
        return appendOnly;
    }

    private static RelDataType columnType(SqlColumnDeclaration column, SqlValidator validator,
                                          JavaTypeFactory typeFactory) throws CompileException {
        if (column.expression != null && column.strategy != ColumnStrategy.DEFAULT) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                    "generated columns are not supported", column.expression));
        }
        RelDataType type;
        try {
            type = SqlTypes.resolve(column.dataType, validator, typeFactory);
        } catch (RuntimeException e) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.TYPE_ERROR,
                    "unknown type " + column.dataType + " for column " + column.name, column.dataType));
        }
        String problem = SqlTypes.tableColumnProblem(type);
        if (problem != null) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                    "column " + column.name + ": " + problem, column));
        }
        try {
            TypeMapper.map(type);
        } catch (UnsupportedPlanException e) {
            throw new CompileException(Diagnostics.error(DiagnosticCodes.UNSUPPORTED,
                    "column " + column.name + ": " + e.getMessage(), column.dataType));
        }
        return type;
    }

    private static RelDataType keyNotNull(RelDataType rowType, List<String> key, JavaTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        rowType.getFieldList().forEach(f -> b.add(f.getName(), key.contains(f.getName())
                ? typeFactory.createTypeWithNullability(f.getType(), false) : f.getType()));
        return b.build();
    }

    /** The element as SQL text, or its kind when Calcite cannot print it. */
    private static String describe(SqlNode element) {
        try {
            return element.toString();
        } catch (RuntimeException e) {
            return element.getKind().toString();
        }
    }

    /** A diagnostic for a name that is already declared. */
    static Diagnostic duplicate(String kind, SqlIdentifier name) {
        return Diagnostics.error(DiagnosticCodes.DUPLICATE_NAME,
                kind + " " + name.getSimple() + " is already declared", name);
    }
}
