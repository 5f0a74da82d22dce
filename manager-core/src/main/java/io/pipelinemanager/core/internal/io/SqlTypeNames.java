package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the SQL type strings of {@code ProgramSchema.Column} (e.g. {@code DECIMAL(10, 2)}) into engine types. */
public final class SqlTypeNames {
    private static final Pattern TYPE = Pattern.compile(
            "\\s*([A-Z_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(?:CHARACTER SET .*)?(NOT NULL)?\\s*");

    private SqlTypeNames() {
    }

    /** The engine type for {@code text} with the given nullability; unknown types are rejected. */
    public static SqlType parse(String text, boolean nullable) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.endsWith(")") && upper.startsWith("ROW") && upper.substring(3).trim().startsWith("(")) {
            return row(text.trim(), nullable);
        }
        if (upper.startsWith("MAP") && upper.endsWith(">") && upper.substring(3).trim().startsWith("<")) {
            String inner = text.trim();
            inner = inner.substring(inner.indexOf('<') + 1, inner.length() - 1);
            List<String> parts = splitTopLevel(inner);
            if (parts.size() != 2) {
                throw new IllegalArgumentException("unsupported SQL type '" + text + "'");
            }
            // Keys are never NULL; values may be.
            return SqlType.map(parse(parts.get(0), false), parse(parts.get(1), true)).withNullable(nullable);
        }
        if (upper.endsWith(" ARRAY")) {
            // Array elements may always be NULL (as in PostgreSQL).
            return SqlType.array(parse(text.trim().substring(0, upper.length() - " ARRAY".length()), true))
                    .withNullable(nullable);
        }
        Matcher m = TYPE.matcher(text.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported SQL type '" + text + "'");
        }
        String base = m.group(1).trim().replaceAll("\\s+", " ");
        int p = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        TypeKind kind = kindOf(base, text);
        boolean keepPrecision = kind == TypeKind.DECIMAL || kind.isString();
        return new SqlType(kind, keepPrecision ? p : -1, keepPrecision ? s : 0, nullable);
    }

    /** {@code ROW(name type [NOT NULL], ...)}; a name may be double-quoted (with doubled quotes inside). */
    private static SqlType row(String text, boolean nullable) {
        String inner = text.substring(text.indexOf('(') + 1, text.length() - 1);
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (String field : splitTopLevel(inner)) {
            String f = field.trim();
            int end;
            String name;
            if (f.startsWith("\"")) {
                end = 1;
                StringBuilder sb = new StringBuilder();
                while (end < f.length()) {
                    char c = f.charAt(end++);
                    if (c == '"' && end < f.length() && f.charAt(end) == '"') {
                        sb.append('"');
                        end++;
                    } else if (c == '"') {
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                name = sb.toString();
            } else {
                end = f.indexOf(' ');
                if (end < 0) {
                    throw new IllegalArgumentException("unsupported SQL type '" + text + "'");
                }
                name = f.substring(0, end);
            }
            String type = f.substring(end).trim();
            boolean notNull = type.toUpperCase(Locale.ROOT).endsWith(" NOT NULL");
            names.add(name);
            types.add(parse(notNull ? type.substring(0, type.length() - " NOT NULL".length()) : type, !notNull));
        }
        return SqlType.row(names, types).withNullable(nullable);
    }

    /** Splits at the commas outside parentheses, angle brackets and double quotes. */
    private static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '>')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static TypeKind kindOf(String base, String text) {
        if (base.startsWith("INTERVAL")) {
            return base.contains("YEAR") || base.contains("MONTH") ? TypeKind.INTERVAL_YEAR_MONTH : TypeKind.INTERVAL_DAY_TIME;
        }
        switch (base) {
            case "BOOLEAN": return TypeKind.BOOLEAN;
            case "TINYINT": return TypeKind.TINYINT;
            case "SMALLINT": return TypeKind.SMALLINT;
            case "INT": case "INTEGER": return TypeKind.INTEGER;
            case "BIGINT": return TypeKind.BIGINT;
            case "DEC": case "DECIMAL": case "NUMERIC": return TypeKind.DECIMAL;
            case "REAL": return TypeKind.REAL;
            case "FLOAT": case "DOUBLE": case "DOUBLE PRECISION": return TypeKind.DOUBLE;
            case "CHAR": case "CHARACTER": return TypeKind.CHAR;
            case "VARCHAR": case "CHARACTER VARYING": case "STRING": return TypeKind.VARCHAR;
            case "DATE": return TypeKind.DATE;
            case "TIME": return TypeKind.TIME;
            case "TIMESTAMP": return TypeKind.TIMESTAMP;
            case "VARIANT": return TypeKind.VARIANT;
            default: throw new IllegalArgumentException("unsupported SQL type '" + text + "'");
        }
    }
}
