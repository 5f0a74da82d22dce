package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlRuntimeException;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's array functions over the engine's array values (immutable lists): the {@code ARRAY[...]}
 * constructor, 1-based subscripts ({@code a[i]}, NULL out of range), {@code CARDINALITY} (number of
 * elements) and element-wise casts.
 */
final class ArrayFns {
    private ArrayFns() {
    }

    /** {@code ARRAY[e1, e2, ...]}: never NULL itself; NULL operands become NULL elements. */
    record Constructor(Expr[] elements, SqlType type) implements Expr {
        @Override
        public Object eval(Row row) {
            SqlType element = type.elementType();
            List<Object> out = new ArrayList<>(elements.length);
            for (Expr e : elements) {
                out.add(Casts.coerce(e.eval(row), element));
            }
            return Values.array(out);
        }
    }

    /** {@code a[i]} with PostgreSQL's 1-based index; NULL when out of range. */
    static Object item(Object array, Object index) {
        List<?> list = (List<?>) array;
        long i = ((Number) index).longValue();
        return i < 1 || i > list.size() ? null : list.get((int) (i - 1));
    }

    /** {@code CARDINALITY(a)}: the number of elements. */
    static long cardinality(Object array) {
        return ((List<?>) array).size();
    }

    /** CAST of an array to another array type: each element cast to the element type. */
    static Object castElements(Object v, SqlType to) {
        if (!(v instanceof List<?> list)) {
            throw new SqlRuntimeException(SqlRuntimeException.Code.INVALID_CAST, "cannot cast " + Texts.toText(v)
                    + " to " + to);
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
            out.add(Casts.cast(e, to.elementType()));
        }
        return Values.array(out);
    }

    /** The array with each numeric element converted to the element type's representation. */
    static Object coerceElements(Object v, SqlType to) {
        List<?> list = (List<?>) v;
        TypeKind element = to.elementType().kind();
        if (!element.isNumeric() && element != TypeKind.ARRAY && element != TypeKind.ROW && element != TypeKind.MAP) {
            return v;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
            out.add(Casts.coerce(e, to.elementType()));
        }
        return Values.array(out);
    }
}
