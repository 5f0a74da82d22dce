package io.pipelinemanager.core.internal.compiler.slt;

import io.pipelinemanager.core.internal.compiler.CatalogEntry;
import io.pipelinemanager.core.internal.compiler.plan.TypeMapper;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.ArrayRow;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.util.NlsString;

/** Turns an {@code INSERT ... VALUES} statement of literal rows into engine rows of the target table. */
final class InsertStatement {

    private InsertStatement() {
    }

    /** The target table name of an INSERT. */
    static String table(SqlInsert insert) {
        return ((SqlIdentifier) insert.getTargetTable()).getSimple();
    }

    /** The rows the statement inserts, in the table's column order, as engine values. */
    static List<Row> rows(SqlInsert insert, CatalogEntry table) {
        List<RelDataTypeField> fields = table.rowType().getFieldList();
        int[] target = targetColumns(insert.getTargetColumnList(), table);
        SqlNode source = insert.getSource();
        if (source.getKind() != SqlKind.VALUES) {
            throw new IllegalArgumentException("only INSERT ... VALUES is supported by the test executor");
        }
        List<Row> rows = new ArrayList<>();
        for (SqlNode rowNode : ((SqlCall) source).getOperandList()) {
            List<SqlNode> items = ((SqlCall) rowNode).getOperandList();
            if (items.size() != target.length) {
                throw new IllegalArgumentException("INSERT has " + items.size() + " values for " + target.length + " columns");
            }
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < items.size(); i++) {
                SqlType type = TypeMapper.map(fields.get(target[i]).getType());
                Object v = literal(items.get(i));
                if (v == null && !type.nullable()) {
                    throw new IllegalArgumentException("NULL into NOT NULL column " + fields.get(target[i]).getName());
                }
                values[target[i]] = Values.normalize(v, type);
            }
            rows.add(new ArrayRow(values));
        }
        return rows;
    }

    /** Rows computed by {@code INSERT ... SELECT}, placed into the table's columns and converted to their types. */
    static List<Row> place(SqlInsert insert, CatalogEntry table, List<Row> selected) {
        List<RelDataTypeField> fields = table.rowType().getFieldList();
        int[] target = targetColumns(insert.getTargetColumnList(), table);
        List<Row> rows = new ArrayList<>();
        for (Row r : selected) {
            if (r.size() != target.length) {
                throw new IllegalArgumentException("INSERT selects " + r.size() + " columns for " + target.length);
            }
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < target.length; i++) {
                values[target[i]] = Values.normalize(r.get(i), TypeMapper.map(fields.get(target[i]).getType()));
            }
            rows.add(new ArrayRow(values));
        }
        return rows;
    }

    private static int[] targetColumns(SqlNodeList columns, CatalogEntry table) {
        List<RelDataTypeField> fields = table.rowType().getFieldList();
        if (columns == null) {
            int[] all = new int[fields.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] target = new int[columns.size()];
        for (int i = 0; i < target.length; i++) {
            String name = ((SqlIdentifier) columns.get(i)).getSimple();
            RelDataTypeField f = table.rowType().getField(name, false, false);
            if (f == null) {
                throw new IllegalArgumentException("unknown column " + name);
            }
            target[i] = f.getIndex();
        }
        return target;
    }

    private static Object literal(SqlNode node) {
        if (node instanceof SqlNumericLiteral n) {
            return n.getValueAs(BigDecimal.class);
        }
        if (node instanceof SqlCharStringLiteral s) {
            return s.getValueAs(NlsString.class).getValue();
        }
        if (node instanceof SqlLiteral l && l.getValue() == null) {
            return null;
        }
        if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX
                && call.operand(0) instanceof SqlNumericLiteral n) {
            return n.getValueAs(BigDecimal.class).negate();
        }
        if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.PLUS_PREFIX) {
            return literal(call.operand(0));
        }
        throw new IllegalArgumentException("the test executor only inserts literals, not " + node);
    }
}
