package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** CAST(operand AS type) with SQL conversion rules and overflow checks (see {@link Casts}). */
public record CastExpr(Expr operand, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        Object v = operand.eval(row);
        if (type.kind() == TypeKind.VARIANT) {
            // A value's JSON form depends on its SQL type (REAL digits, intervals), so it is cast with it.
            return VariantFns.fromSql(v, operand.type());
        }
        return Casts.cast(v, type);
    }
}
