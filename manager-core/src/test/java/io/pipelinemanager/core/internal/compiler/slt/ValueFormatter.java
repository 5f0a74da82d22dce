package io.pipelinemanager.core.internal.compiler.slt;

import java.math.BigDecimal;
import java.util.Locale;

/** Formats one result value the way sqllogictest prints it for a column type letter (I, R or T). */
final class ValueFormatter {

    private ValueFormatter() {
    }

    /** The printed form of {@code value} in a column of type {@code type}. */
    static String format(Object value, char type) {
        if (value == null) {
            return "NULL";
        }
        return switch (type) {
            case 'I' -> integer(value);
            case 'R' -> real(value);
            default -> text(value);
        };
    }

    private static String integer(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            return Long.toString(n instanceof BigDecimal bd ? bd.longValue() : n instanceof Double d ? (long) d.doubleValue() : n.longValue());
        }
        try {
            return Long.toString(new BigDecimal(value.toString().trim()).longValue());
        } catch (NumberFormatException e) {
            return "0";
        }
    }

    private static String real(Object value) {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                return "0.000";
            }
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String text(Object value) {
        String s = value instanceof BigDecimal bd ? bd.toPlainString() : value.toString();
        if (s.isEmpty()) {
            return "(empty)";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c < ' ' || c > '~' ? '@' : c);
        }
        return out.toString();
    }
}
