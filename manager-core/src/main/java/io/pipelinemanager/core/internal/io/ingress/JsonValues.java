package io.pipelinemanager.core.internal.io.ingress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pipelinemanager.core.internal.engine.type.MapValue;
import io.pipelinemanager.core.internal.engine.type.RowValue;
import io.pipelinemanager.core.internal.engine.type.SqlType;
import io.pipelinemanager.core.internal.engine.type.TypeKind;
import io.pipelinemanager.core.internal.engine.type.Values;
import io.pipelinemanager.core.internal.engine.type.Variant;
import io.pipelinemanager.core.internal.engine.type.VariantJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the current JSON token into the engine value of a column type. Numbers go to numeric and interval
 * columns (an integer column takes 2 or 2.0 but not 2.5), booleans to BOOLEAN, and a JSON string is parsed
 * with the {@link TextValues} rules for every type (so {@code "12.50"} fits DECIMAL and {@code "NaN"} DOUBLE).
 * A JSON array goes to an ARRAY column, its elements read by these rules for the element type. A JSON object
 * goes to a ROW column (keyed by field name: exact, else the one field whose name differs only in case; a
 * missing field is NULL, an unknown or repeated one an error) and to a MAP column (each key read as the key
 * type, each value as the value type; a repeated key is an error). A VARIANT column takes any JSON value as it
 * is (bounded as {@link VariantJson} says); JSON null is SQL NULL there unless the column is NOT NULL.
 */
final class JsonValues {
    private JsonValues() {
    }

    /** The value of the current token {@code t} (null for JSON null); {@code p} is positioned on it. */
    static Object read(JsonParser p, JsonToken t, SqlType type) throws IOException, BadValueException {
        TypeKind k = type.kind();
        if (k == TypeKind.VARIANT && (t != JsonToken.VALUE_NULL || !type.nullable())) {
            // Any JSON value; a JSON null is SQL NULL in a nullable column and JSON null in a NOT NULL one.
            try {
                return VariantJson.read(p, t);
            } catch (VariantJson.InvalidJsonException e) {
                throw new BadValueException("invalid JSON value for VARIANT: " + e.getMessage());
            }
        }
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return TextValues.parse(p.getText(), type);
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (k == TypeKind.BOOLEAN) {
                    return t == JsonToken.VALUE_TRUE;
                }
                throw wrongType(type, "boolean " + p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p, t, type);
            case START_OBJECT:
                if (k == TypeKind.ROW) {
                    return row(p, type);
                }
                if (k == TypeKind.MAP) {
                    return map(p, type);
                }
                throw wrongType(type, "an object");
            case START_ARRAY:
                if (k == TypeKind.ARRAY) {
                    return array(p, type);
                }
                throw wrongType(type, "an array");
            default:
                throw wrongType(type, String.valueOf(t));
        }
    }

    /** The VARIANT of a JSON text (a CSV field of a VARIANT column). */
    static Variant variant(String text) throws BadValueException {
        try {
            return VariantJson.parse(text);
        } catch (VariantJson.InvalidJsonException e) {
            throw new BadValueException("invalid JSON for VARIANT: " + e.getMessage());
        }
    }

    /** A JSON array as an ARRAY value: each element read as the (nullable) element type. */
    private static Object array(JsonParser p, SqlType type) throws IOException, BadValueException {
        SqlType element = type.elementType().asNullable();
        List<Object> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            try {
                out.add(read(p, t, element));
            } catch (BadValueException e) {
                throw new BadValueException("array element " + (out.size() + 1) + ": " + e.getMessage());
            }
        }
        return Values.array(out);
    }

    /** A JSON object as a ROW value: fields by name, missing ones NULL. */
    private static Object row(JsonParser p, SqlType type) throws IOException, BadValueException {
        List<String> names = type.fieldNames();
        List<SqlType> types = type.fieldTypes();
        Object[] fields = new Object[names.size()];
        boolean[] seen = new boolean[names.size()];
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            int i = fieldIndex(names, name);
            if (i < 0) {
                throw new BadValueException("unknown field \"" + TextValues.shorten(name) + "\" of " + type.withNullable(true));
            }
            if (seen[i]) {
                throw new BadValueException("duplicate value for field " + names.get(i));
            }
            seen[i] = true;
            try {
                fields[i] = read(p, p.nextToken(), types.get(i).asNullable());
            } catch (BadValueException e) {
                throw new BadValueException("field " + names.get(i) + ": " + e.getMessage());
            }
        }
        return RowValue.of(fields);
    }

    private static int fieldIndex(List<String> names, String name) {
        int folded = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return i;
            }
            if (names.get(i).equalsIgnoreCase(name)) {
                folded = folded == -1 ? i : -2;
            }
        }
        return folded < 0 ? -1 : folded;
    }

    /** A JSON object as a MAP value: each key parsed as the key type, each value as the value type. */
    private static Object map(JsonParser p, SqlType type) throws IOException, BadValueException {
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            Object key;
            try {
                key = TextValues.parse(name, type.keyType());
            } catch (BadValueException e) {
                throw new BadValueException("map key \"" + TextValues.shorten(name) + "\": " + e.getMessage());
            }
            try {
                values.add(read(p, p.nextToken(), type.valueType().asNullable()));
            } catch (BadValueException e) {
                throw new BadValueException("map value for key \"" + TextValues.shorten(name) + "\": " + e.getMessage());
            }
            keys.add(key);
        }
        MapValue map = MapValue.of(keys, values);
        if (map.size() != keys.size()) {
            throw new BadValueException("duplicate key in a map");
        }
        return map;
    }

    private static Object number(JsonParser p, JsonToken t, SqlType type) throws IOException, BadValueException {
        TypeKind k = type.kind();
        if (k.isInteger() || k.isInterval()) {
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return ValueChecks.integer(p.getLongValue(), type);
            }
            return ValueChecks.integer(p.getDecimalValue(), type);
        }
        if (k == TypeKind.DECIMAL) {
            return ValueChecks.decimal(p.getDecimalValue(), type);
        }
        if (k.isApproximate()) {
            return ValueChecks.approximate(p.getDoubleValue(), type, false);
        }
        throw wrongType(type, "number " + TextValues.shorten(p.getText()));
    }

    private static BadValueException wrongType(SqlType type, String got) {
        return new BadValueException("expected " + type.withNullable(true) + ", got " + got);
    }
}
