package io.pipelinemanager.core.internal.io;

import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
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
        if (upper.endsWith(" ARRAY")) {
            // Array elements may always be NULL (as in PostgreSQL).
            return SqlType.array(parse(upper.substring(0, upper.length() - " ARRAY".length()), true))
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
            default: throw new IllegalArgumentException("unsupported SQL type '" + text + "'");
        }
    }
}
