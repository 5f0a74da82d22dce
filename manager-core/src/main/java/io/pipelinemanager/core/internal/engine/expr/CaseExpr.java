package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;

/** Searched CASE: the first WHEN that is TRUE (not NULL) selects its THEN; else the ELSE (or NULL). */
public record CaseExpr(Expr[] whens, Expr[] thens, Expr otherwise, SqlType type) implements Expr {
    @Override
    public Object eval(Row row) {
        for (int i = 0; i < whens.length; i++) {
            if (whens[i].eval(row) == Boolean.TRUE) {
                return Casts.coerce(thens[i].eval(row), type);
            }
        }
        return otherwise == null ? null : Casts.coerce(otherwise.eval(row), type);
    }
}
