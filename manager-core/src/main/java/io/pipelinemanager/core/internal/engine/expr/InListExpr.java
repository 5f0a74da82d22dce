package io.pipelinemanager.core.internal.engine.expr;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.zset.Row;
import io.pipelinemanager.core.internal.engine.zset.Rows;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code x IN (c1, c2, ...)} over constants with a hash set: TRUE on a match, NULL when x is NULL or
 * there is no match but the list holds a NULL, else FALSE (negate with NOT for NOT IN).
 */
public final class InListExpr implements Expr {
    private final Expr operand;
    private final Set<Row> constants = new HashSet<>();
    private final boolean hasNull;
    private final SqlType type;

    /** {@code operand IN constants}; constants are engine values (null allowed). */
    public InListExpr(Expr operand, List<?> values, SqlType type) {
        this.operand = operand;
        boolean sawNull = false;
        for (Object v : values) {
            if (v == null) {
                sawNull = true;
            } else {
                constants.add(Rows.of(v));
            }
        }
        this.hasNull = sawNull;
        this.type = type;
    }

    @Override
    public Object eval(Row row) {
        Object v = operand.eval(row);
        if (v == null) {
            return null;
        }
        if (constants.contains(Rows.of(v))) {
            return Boolean.TRUE;
        }
        return hasNull ? null : Boolean.FALSE;
    }

    @Override
    public SqlType type() {
        return type;
    }
}
