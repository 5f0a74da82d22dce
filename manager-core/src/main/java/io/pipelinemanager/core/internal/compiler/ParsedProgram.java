package io.pipelinemanager.core.internal.compiler;

import io.pipelinemanager.core.api.Diagnostic;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateTable;

/**
 * A parsed program: its statements in order, the column-level primary keys, {@code LATENESS} attributes and
 * table options of each CREATE TABLE, and diagnostics found while parsing (warnings, e.g. constraints that are accepted but not
 * enforced, and errors of statements the parser set aside).
 */
public record ParsedProgram(List<SqlNode> statements, Map<SqlNode, List<String>> columnKeys,
                            List<Diagnostic> warnings, Map<SqlNode, List<LatenessClause>> lateness,
                            Map<SqlNode, List<TableOption>> options) {

    /** Copies the lists (immutable record). */
    public ParsedProgram {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    ParsedProgram(List<SqlNode> statements, List<List<String>> keysInOrder, List<Diagnostic> warnings,
                  List<List<LatenessClause>> latenessInOrder, List<List<TableOption>> optionsInOrder) {
        this(statements, match(statements, keysInOrder), warnings, match(statements, latenessInOrder),
                match(statements, optionsInOrder));
    }

    /** The table options ({@code WITH (...)}) of a CREATE TABLE statement (empty if none). */
    public List<TableOption> options(SqlNode createTable) {
        return options.getOrDefault(createTable, List.of());
    }

    /** The column-level key columns of a CREATE TABLE statement (empty if none). */
    public List<String> columnKeys(SqlNode createTable) {
        return columnKeys.getOrDefault(createTable, List.of());
    }

    /** The {@code LATENESS} column attributes of a CREATE TABLE statement (empty if none). */
    public List<LatenessClause> lateness(SqlNode createTable) {
        return lateness.getOrDefault(createTable, List.of());
    }

    private static <T> Map<SqlNode, List<T>> match(List<SqlNode> statements, List<List<T>> keysInOrder) {
        Map<SqlNode, List<T>> out = new IdentityHashMap<>();
        List<SqlNode> tables = new ArrayList<>();
        for (SqlNode s : statements) {
            if (s instanceof SqlCreateTable) {
                tables.add(s);
            }
        }
        for (int i = 0; i < Math.min(tables.size(), keysInOrder.size()); i++) {
            out.put(tables.get(i), keysInOrder.get(i));
        }
        return out;
    }
}
