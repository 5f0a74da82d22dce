package io.pipelinemanager.core.internal.engine.expr;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Text rendering of engine values, as CAST(x AS VARCHAR) produces it. */
public final class Texts {
    private Texts() {
    }

    /** The SQL text of a non-NULL value. */
    public static String toText(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "true" : "false"; // as PostgreSQL's boolean-to-text cast
        }
        if (v instanceof LocalTime) {
            return time((LocalTime) v);
        }
        if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            return t.toLocalDate() + " " + time(t.toLocalTime());
        }
        return v.toString();
    }

    private static String time(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() != 0) {
            String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
            s += "." + frac;
        }
        return s;
    }
}
