package io.pipelinemanager.core.internal.engine.expr;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Function names understood by {@link Exprs#call}. Constants are named like Calcite's
 * {@code SqlKind} where one exists, otherwise like the SQL function; {@link #lookup} also accepts
 * common aliases ("||", "CHARACTER_LENGTH", "CEILING", "SUBSTR", "%", ...).
 * Argument conventions: TRIM(flag 'BOTH'|'LEADING'|'TRAILING', chars, string);
 * EXTRACT(unit name as a string literal, value); SUBSTRING(s, start[, length]);
 * POSITION(needle, haystack[, from]); LIKE(s, pattern[, escape]); CASE(when1, then1, ..., else)
 * as in Calcite; DATETIME_PLUS(datetime, interval); MINUS_DATE(datetime, datetime) → interval.
 * PostgreSQL functions take PostgreSQL's arguments: DATE_TRUNC(unit, value), STRPOS(string, substring),
 * REGEXP_REPLACE(s, pattern, replacement[, flags]), SIMILAR(s, pattern[, escape]), TO_CHAR(value, format);
 * EXTRACT_NUMERIC(field, value) is EXTRACT of SECOND, MILLISECOND or EPOCH with fractions, as a DECIMAL;
 * [NOT_]RLIKE(s, pattern) is PostgreSQL's ~ (!~): whether the pattern matches anywhere in s.
 */
public enum Fn {
    AND, OR, NOT,
    IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE, IS_UNKNOWN, IS_NOT_UNKNOWN,
    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM,
    EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
    PLUS, MINUS, TIMES, DIVIDE, MOD, MINUS_PREFIX, PLUS_PREFIX, DATETIME_PLUS, MINUS_DATE,
    CAST, CASE, COALESCE, NULLIF,
    ABS, SIGN, ROUND, TRUNCATE, FLOOR, CEIL, POWER, SQRT, EXP, LN, LOG10,
    CONCAT, CONCAT_IGNORE_NULLS, UPPER, LOWER, TRIM, LTRIM, RTRIM, SUBSTRING, CHAR_LENGTH, POSITION,
    REPLACE, LIKE, NOT_LIKE, EXTRACT, REINTERPRET,
    ILIKE, NOT_ILIKE, SIMILAR, NOT_SIMILAR, CONCAT_WS, LEFT, RIGHT, LPAD, RPAD, REVERSE, REPEAT, SPLIT_PART,
    REGEXP_REPLACE, REGEXP_LIKE, INITCAP, MD5, CHR, STRPOS, STARTS_WITH, DATE_TRUNC, TO_CHAR, MAKE_DATE,
    EXTRACT_NUMERIC, RLIKE, NOT_RLIKE,
    // Arrays (see ArrayFns): ARRAY[...], a[i] (1-based), CARDINALITY(a).
    ARRAY_VALUE_CONSTRUCTOR, ITEM, CARDINALITY,
    // ROW values (see RowFns): ROW(e1, ...); field access is RowFns.FieldAccess.
    ROW,
    // MAP values (see MapFns): MAP[k1, v1, ...], m[k] (ITEM), CARDINALITY(m), MAP_KEYS(m), MAP_VALUES(m).
    MAP_VALUE_CONSTRUCTOR, MAP_KEYS, MAP_VALUES,
    // VARIANT (see VariantFns): PARSE_JSON(text), TO_JSON(v), VARIANTNULL(), TYPEOF(v); ITEM(v, key or index).
    PARSE_JSON, TO_JSON, VARIANTNULL, TYPEOF,
    // REGEXP_MATCH(s, pattern[, flags]): PostgreSQL's, the captures of the first match as a VARCHAR array.
    REGEXP_MATCH;

    private static final Map<String, Fn> ALIASES = new HashMap<>();

    static {
        ALIASES.put("||", CONCAT);
        ALIASES.put("CHARACTER_LENGTH", CHAR_LENGTH);
        ALIASES.put("LENGTH", CHAR_LENGTH);
        ALIASES.put("CEILING", CEIL);
        ALIASES.put("SUBSTR", SUBSTRING);
        ALIASES.put("%", MOD);
        ALIASES.put("+", PLUS);
        ALIASES.put("-", MINUS);
        ALIASES.put("*", TIMES);
        ALIASES.put("/", DIVIDE);
        ALIASES.put("=", EQUALS);
        ALIASES.put("<>", NOT_EQUALS);
        ALIASES.put("!=", NOT_EQUALS);
        ALIASES.put("<", LESS_THAN);
        ALIASES.put("<=", LESS_THAN_OR_EQUAL);
        ALIASES.put(">", GREATER_THAN);
        ALIASES.put(">=", GREATER_THAN_OR_EQUAL);
        ALIASES.put("POWER", POWER);
        ALIASES.put("POW", POWER);
        ALIASES.put("TRUNC", TRUNCATE);
        ALIASES.put("CONCAT_WITH_NULL", CONCAT_IGNORE_NULLS);
        ALIASES.put("CONCAT_WS_POSTGRESQL", CONCAT_WS);
    }

    /** Resolves a SqlKind name, function name or alias (case-insensitive); throws for unknown names. */
    public static Fn lookup(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        Fn f = ALIASES.get(n);
        if (f != null) {
            return f;
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported function " + name, e);
        }
    }

    /** True when {@code name} is supported. */
    public static boolean isSupported(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (ALIASES.containsKey(n)) {
            return true;
        }
        for (Fn f : values()) {
            if (f.name().equals(n)) {
                return true;
            }
        }
        return false;
    }
}
