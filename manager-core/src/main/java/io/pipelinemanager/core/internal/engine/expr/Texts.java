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
        if (v instanceof java.util.List<?> list) {
            return arrayText(list, Texts::toText);
        }
        return v.toString();
    }

    /**
     * PostgreSQL's text form of an array, {@code {1,NULL,"a b"}}: each non-NULL element in the given text form,
     * quoted (with backslash escapes) when empty, "NULL", or holding braces, commas, quotes, backslashes or blanks.
     */
    public static String arrayText(java.util.List<?> list, java.util.function.Function<Object, String> elementText) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            sb.append(i == 0 ? "" : ",");
            if (e == null) {
                sb.append("NULL");
                continue;
            }
            String t = elementText.apply(e);
            boolean quote = !(e instanceof java.util.List) && (t.isEmpty() || t.equalsIgnoreCase("NULL")
                    || t.chars().anyMatch(c -> "{},\"\\".indexOf(c) >= 0 || Character.isWhitespace(c)));
            if (quote) {
                sb.append('"').append(t.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(t);
            }
        }
        return sb.append('}').toString();
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
