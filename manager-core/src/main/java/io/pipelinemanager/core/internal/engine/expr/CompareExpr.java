package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.zset.Row;

/**
 * Comparisons (=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=) with NULL → NULL, and IS [NOT] DISTINCT FROM
 * (NULL-safe, never NULL). Numbers of different kinds compare by value.
 */
public record CompareExpr(Fn op, Expr left, Expr right, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        Object a = left.eval(row);
        Object b = right.eval(row);
        if (op == Fn.IS_DISTINCT_FROM || op == Fn.IS_NOT_DISTINCT_FROM) {
            boolean same = a == null || b == null ? a == b : Values.compare(a, b) == 0;
            return op == Fn.IS_NOT_DISTINCT_FROM ? same : !same;
        }
        if (a == null || b == null) {
            return null;
        }
        int c = Values.compare(a, b);
        switch (op) {
            case EQUALS: return c == 0;
            case NOT_EQUALS: return c != 0;
            case LESS_THAN: return c < 0;
            case LESS_THAN_OR_EQUAL: return c <= 0;
            case GREATER_THAN: return c > 0;
            case GREATER_THAN_OR_EQUAL: return c >= 0;
            default: throw new IllegalStateException("not a comparison: " + op);
        }
    }
}
