package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * ROW values (PostgreSQL's composite values): the {@code ROW(e1, e2, ...)} constructor, field access
 * ({@code (r).f}, {@code t.r.f}) and field-wise casts.
 */
public final class RowFns {
    private RowFns() {
    }

    /** {@code ROW(e1, e2, ...)}: never NULL itself; NULL operands become NULL fields (a row of NULLs). */
    record Constructor(Expr[] fields, SqlType type) implements Expr {
        @Override
        public Object eval(Row row) {
            List<SqlType> types = type.fieldTypes();
            List<Object> out = new ArrayList<>(fields.length);
            for (int i = 0; i < fields.length; i++) {
                out.add(Casts.coerce(fields[i].eval(row), types.get(i)));
            }
            return RowValue.ofFields(out);
        }
    }

    /** Field {@code index} of a row; NULL for a NULL row. */
    public record FieldAccess(Expr row, int index, SqlType type) implements Expr {
        @Override
        public Object eval(Row input) {
            Object v = row.eval(input);
            return v == null ? null : ((RowValue) v).get(index);
        }
    }

    /** CAST of a row to another ROW type with as many fields: each field cast to its new type. */
    static Object castFields(Object v, SqlType to) {
        List<SqlType> types = to.fieldTypes();
        if (!(v instanceof RowValue r) || r.size() != types.size()) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_CAST, "cannot cast " + Texts.toText(v)
                    + " to " + to);
        }
        List<Object> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            out.add(Casts.cast(r.get(i), types.get(i)));
        }
        return RowValue.ofFields(out);
    }

    /** The row with each field converted to its type's representation (numbers, nested structures). */
    static Object coerceFields(RowValue r, SqlType to) {
        List<SqlType> types = to.fieldTypes();
        List<Object> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            out.add(i < types.size() ? Casts.coerce(r.get(i), types.get(i)) : r.get(i));
        }
        return RowValue.ofFields(out);
    }
}
