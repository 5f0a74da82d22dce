package io.pipelinemanager.core.internal.engine.type;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to and from {@link Variant}s, with Jackson's streaming parser and generator. Parsing is strict
 * JSON (no comments, no NaN, no trailing content) and bounded: at most {@link #MAX_DEPTH} nested arrays and
 * objects, numbers within PostgreSQL {@code numeric}'s range (at most {@link #MAX_INTEGER_DIGITS} digits
 * before and {@link #MAX_SCALE} after the point, so that no conversion of a hostile {@code 1e999999999}
 * expands it), strings and numbers within Jackson's default length limits. Of duplicate object keys the last
 * wins. Output is compact JSON ({@code {"a":1,"b":[true,null]}}), keys in the variant's key order, numbers
 * as written (plain notation where that is short).
 */
public final class VariantJson {

    /** Deepest nesting of arrays and objects accepted (serde_json's default, which Feldera inherits). */
    public static final int MAX_DEPTH = 128;
    /** Most digits before the decimal point of a number (PostgreSQL numeric's limit). */
    public static final int MAX_INTEGER_DIGITS = 131072;
    /** Most digits after the decimal point of a number (PostgreSQL numeric's limit). */
    public static final int MAX_SCALE = 16383;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private VariantJson() {
    }

    /** Invalid or out-of-bounds JSON text. */
    public static final class InvalidJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJsonException(String message) {
            super(message);
        }
    }

    /** The variant of one JSON text (surrounding white space allowed, nothing else). */
    public static Variant parse(String json) throws InvalidJsonException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InvalidJsonException("no JSON value");
            }
            Variant v = read(p, t, 1);
            if (p.nextToken() != null) {
                throw new InvalidJsonException("text after the JSON value at " + location(p));
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variant of the value at the current token {@code t} of {@code p}, consuming it. */
    public static Variant read(JsonParser p, JsonToken t) throws IOException, InvalidJsonException {
        return read(p, t, 1);
    }

    private static Variant read(JsonParser p, JsonToken t, int depth) throws IOException, InvalidJsonException {
        switch (t) {
            case VALUE_NULL:
                return Variant.JSON_NULL;
            case VALUE_TRUE:
                return Variant.TRUE;
            case VALUE_FALSE:
                return Variant.FALSE;
            case VALUE_STRING:
                return Variant.of(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return Variant.of(checkNumber(p.getDecimalValue()));
            case START_ARRAY: {
                checkDepth(depth, p);
                List<Variant> elements = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    elements.add(read(p, e, depth + 1));
                }
                return Variant.array(elements);
            }
            case START_OBJECT: {
                checkDepth(depth, p);
                Map<String, Variant> pairs = new HashMap<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_OBJECT; e = p.nextToken()) {
                    String key = p.currentName();
                    pairs.put(key, read(p, p.nextToken(), depth + 1));
                }
                return Variant.object(pairs);
            }
            default:
                throw new InvalidJsonException("unexpected " + t + " at " + location(p));
        }
    }

    /** {@code n} when PostgreSQL's numeric could hold it; otherwise an InvalidJsonException. */
    public static BigDecimal checkNumber(BigDecimal n) throws InvalidJsonException {
        if (n.scale() > MAX_SCALE || (long) n.precision() - n.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidJsonException("number out of range (at most " + MAX_INTEGER_DIGITS
                    + " digits before and " + MAX_SCALE + " after the decimal point)");
        }
        return n;
    }

    private static void checkDepth(int depth, JsonParser p) throws InvalidJsonException {
        if (depth > MAX_DEPTH) {
            throw new InvalidJsonException("JSON nested deeper than " + MAX_DEPTH + " levels at " + location(p));
        }
    }

    private static String location(JsonParser p) {
        return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }

    /** Writes {@code v} as JSON. */
    public static void write(JsonGenerator g, Variant v) throws IOException {
        switch (v.kind()) {
            case NULL -> g.writeNull();
            case BOOLEAN -> g.writeBoolean(v.booleanValue());
            case STRING -> g.writeString(v.stringValue());
            case NUMBER -> g.writeNumber(numberText(v.numberValue()));
            case ARRAY -> {
                g.writeStartArray();
                for (int i = 0; i < v.size(); i++) {
                    write(g, v.element(i));
                }
                g.writeEndArray();
            }
            case OBJECT -> {
                g.writeStartObject();
                for (int i = 0; i < v.size(); i++) {
                    g.writeFieldName(v.key(i));
                    write(g, v.value(i));
                }
                g.writeEndObject();
            }
            default -> throw new IllegalStateException(v.kind().name());
        }
    }

    /** The compact JSON text of {@code v}. */
    public static String toJson(Variant v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A number as JSON text: plain notation unless that would add more than 100 zeros. */
    public static String numberText(BigDecimal n) {
        return n.scale() >= -100 && n.scale() - n.precision() <= 100 ? n.toPlainString() : n.toString();
    }
}
