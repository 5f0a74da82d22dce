package io.pipelinemanager.core.internal.compiler.plan;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.Values;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/** Converts Calcite literals to the engine's value representation (see the engine's {@code type} package). */
final class LiteralConverter {

    private LiteralConverter() {
    }

    /** The engine value of {@code literal} as a value of {@code type} (null for SQL NULL). */
    static Object value(RexLiteral literal, SqlType type) {
        if (literal.isNull()) {
            return null;
        }
        SqlTypeName name = literal.getTypeName();
        Object raw = switch (name) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> literal.getValueAs(BigDecimal.class);
            case REAL, FLOAT, DOUBLE -> literal.getValueAs(Double.class);
            case CHAR, VARCHAR -> literal.getValueAs(String.class);
            case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
            case TIME -> LocalTime.parse(literal.getValueAs(TimeString.class).toString());
            case TIMESTAMP -> LocalDateTime.parse(literal.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
            case SYMBOL -> String.valueOf(literal.getValue());
            default -> {
                if (SqlTypeName.INTERVAL_TYPES.contains(name)) {
                    yield literal.getValueAs(Long.class);
                }
                throw new UnsupportedPlanException("literals of type " + name + " are not supported");
            }
        };
        if (name == SqlTypeName.SYMBOL) {
            return raw;
        }
        if (raw instanceof BigDecimal bd && type.kind().isInteger()) {
            return bd.longValueExact();
        }
        return Values.normalize(raw, type);
    }
}
