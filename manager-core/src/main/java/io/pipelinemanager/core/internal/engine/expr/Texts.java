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
        if (v instanceof io.pipelinemanager.core.internal.engine.type.RowValue r) {
            return rowText(r.fields(), (f, i) -> toText(f));
        }
        if (v instanceof io.pipelinemanager.core.internal.engine.type.MapValue m) {
            return mapText(m.keys(), m.values(), Texts::toText, Texts::toText);
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

    /**
     * PostgreSQL's text form of a composite value, {@code (1,,"a b")}: fields separated by commas, a NULL field
     * empty, a field quoted (doubling quotes and backslashes) when empty or holding parentheses, commas, quotes,
     * backslashes or blanks.
     */
    public static String rowText(java.util.List<?> fields,
                                 java.util.function.BiFunction<Object, Integer, String> fieldText) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < fields.size(); i++) {
            Object f = fields.get(i);
            sb.append(i == 0 ? "" : ",");
            if (f == null) {
                continue;
            }
            String t = fieldText.apply(f, i);
            if (t.isEmpty() || t.chars().anyMatch(c -> "(),\"\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
                sb.append('"').append(t.replace("\\", "\\\\").replace("\"", "\"\"")).append('"');
            } else {
                sb.append(t);
            }
        }
        return sb.append(')').toString();
    }

    /**
     * The text form of a map, {@code {a=>1,"b c"=>NULL}}: entries in key order, keys and values quoted as array
     * elements are ({@link #arrayText}).
     */
    public static String mapText(java.util.List<?> keys, java.util.List<?> values,
                                 java.util.function.Function<Object, String> keyText,
                                 java.util.function.Function<Object, String> valueText) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            String k = arrayText(java.util.List.of(keys.get(i)), keyText);
            String v = arrayText(java.util.Collections.singletonList(values.get(i)), valueText);
            sb.append(k, 1, k.length() - 1).append("=>").append(v, 1, v.length() - 1);
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
