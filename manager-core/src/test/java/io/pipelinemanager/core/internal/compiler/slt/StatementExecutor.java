package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.compiler.AnalyzedView;
import io.pipelinemanager.core.internal.compiler.CatalogEntry;
import io.pipelinemanager.core.internal.compiler.CompileException;
import io.pipelinemanager.core.internal.compiler.ParsedProgram;
import io.pipelinemanager.core.internal.compiler.ProgramAnalyzer;
import io.pipelinemanager.core.internal.compiler.plan.TypeMapper;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.ddl.SqlDropView;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Applies the corpus's statements to an {@link SltProgram}: DDL changes the program, INSERT adds
 * rows, DELETE and UPDATE change the rows our own engine selects with their WHERE clause.
 */
final class StatementExecutor {

    private final SltProgram program;

    StatementExecutor(SltProgram program) {
        this.program = program;
    }

    /** Executes one statement; a failure is an exception (the caller compares it with the expectation). */
    void execute(String sql) throws CompileException {
        String lower = sql.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("create index") || lower.startsWith("create unique index")) {
            return;
        }
        if (lower.startsWith("create table")) {
            createTable(sql);
            return;
        }
        SqlNode node = ProgramAnalyzer.parseStatement(sql);
        if (node instanceof SqlCreateTable) {
            createTable(sql);
        } else if (node instanceof SqlCreateView) {
            program.views.add(ProgramAnalyzer.declare(node, program.catalog));
        } else if (node instanceof SqlInsert insert && insert.getSource().getKind() == SqlKind.VALUES) {
            CatalogEntry table = table(InsertStatement.table(insert));
            program.data.change(table.name(), InsertStatement.rows(insert, table), 1);
        } else if (node instanceof SqlInsert insert) {
            CatalogEntry table = table(InsertStatement.table(insert));
            List<Row> selected = query(insert.getSource());
            program.data.change(table.name(), InsertStatement.place(insert, table, selected), 1);
        } else if (node instanceof SqlDelete delete) {
            CatalogEntry table = table(((SqlIdentifier) delete.getTargetTable()).getSimple());
            program.data.change(table.name(), select(delete.getTargetTable(), delete.getCondition(), List.of()), -1);
        } else if (node instanceof SqlUpdate update) {
            update(update);
        } else if (node instanceof SqlDropTable drop) {
            drop(drop.name, drop.ifExists, CatalogEntry.Kind.TABLE);
            program.data.drop(drop.name.getSimple());
        } else if (node instanceof SqlDropView drop) {
            drop(drop.name, drop.ifExists, CatalogEntry.Kind.VIEW);
            program.views.removeIf(v -> v.entry().name().equalsIgnoreCase(drop.name.getSimple()));
        } else {
            throw new IllegalArgumentException("statement not supported by the test executor: " + node.getKind());
        }
    }

    private void createTable(String sql) throws CompileException {
        ParsedProgram parsed = ProgramAnalyzer.parseProgram(sql);
        if (parsed.statements().size() != 1 || !(parsed.statements().get(0) instanceof SqlCreateTable create)) {
            throw new IllegalArgumentException("expected one CREATE TABLE statement");
        }
        ProgramAnalyzer.declare(create, program.catalog, parsed.columnKeys(create));
        program.data.create(create.name.getSimple());
    }

    private void update(SqlUpdate update) throws CompileException {
        CatalogEntry table = table(((SqlIdentifier) update.getTargetTable()).getSimple());
        List<SqlNode> newValues = update.getSourceExpressionList().getList();
        List<Row> selected = select(update.getTargetTable(), update.getCondition(), newValues);
        List<RelDataTypeField> fields = table.rowType().getFieldList();
        int width = fields.size();
        List<Row> oldRows = new ArrayList<>();
        List<Row> newRows = new ArrayList<>();
        for (Row r : selected) {
            Object[] old = new Object[width];
            for (int i = 0; i < width; i++) {
                old[i] = r.get(i);
            }
            Object[] changed = old.clone();
            for (int k = 0; k < newValues.size(); k++) {
                String column = ((SqlIdentifier) update.getTargetColumnList().get(k)).getSimple();
                RelDataTypeField f = table.rowType().getField(column, false, false);
                changed[f.getIndex()] = Values.normalize(r.get(width + k), TypeMapper.map(f.getType()));
            }
            oldRows.add(new ArrayRow(old));
            newRows.add(new ArrayRow(changed));
        }
        program.data.change(table.name(), oldRows, -1);
        program.data.change(table.name(), newRows, 1);
    }

    /** Rows of {@code SELECT *, extra... FROM table WHERE condition}, computed by our engine. */
    private List<Row> select(SqlNode table, SqlNode condition, List<SqlNode> extra) throws CompileException {
        SqlParserPos pos = SqlParserPos.ZERO;
        List<SqlNode> items = new ArrayList<>();
        items.add(SqlIdentifier.star(pos));
        items.addAll(extra);
        SqlSelect select = new SqlSelect(pos, null, new SqlNodeList(items, pos), table, condition,
                null, null, null, null, null, null, null, null);
        return query(select);
    }

    /** Rows of a query, computed by our engine over the current table contents. */
    private List<Row> query(SqlNode query) throws CompileException {
        SltProgram.CompiledQuery q = program.compile(query);
        AnalyzedView view = q.view();
        return SltProgram.rows(QueryRun.oneStep(q.definition(), view.entry().name(), program.contents(q.tables())));
    }

    private CatalogEntry table(String name) {
        return program.catalog.find(name).filter(e -> e.kind() == CatalogEntry.Kind.TABLE)
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }

    private void drop(SqlIdentifier name, boolean ifExists, CatalogEntry.Kind kind) {
        var entry = program.catalog.find(name.getSimple()).filter(e -> e.kind() == kind);
        if (entry.isEmpty()) {
            if (ifExists) {
                return;
            }
            throw new IllegalArgumentException("no " + kind + " " + name);
        }
        program.catalog.remove(name.getSimple());
    }
}
