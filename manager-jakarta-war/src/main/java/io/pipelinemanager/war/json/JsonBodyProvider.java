package io.pipelinemanager.war.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code application/json} bodies of the WAR's own types (and lists of them) with
 * {@link JsonMapper}. An empty body reads as null (refused by the resources' validation); malformed
 * JSON, wrong types (no coercion between strings, numbers and booleans), duplicate and unknown fields and
 * bodies beyond the reader's limits become {@code InvalidRequest} naming the field where there is one.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private static final String OWN_PACKAGE = "io.pipelinemanager.war.";

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isOwn(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream in = new PushbackInputStream(entity, 1);
        int first = in.read();
        if (first < 0) {
            return null;
        }
        in.unread(first);
        try {
            return JsonMapper.get().readValue(in, JsonMapper.get().constructType(genericType != null ? genericType : type));
        } catch (JacksonException e) {
            throw invalid(e);
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        if (List.class.isAssignableFrom(type)) {
            return genericType instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c
                    && isOwn(c);
        }
        return isOwn(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        // Entities built into a Response (e.g. by exception mappers) may come without a generic type.
        Type declared = genericType != null ? genericType : type;
        JsonMapper.get().writerFor(JsonMapper.get().constructType(declared)).writeValue(out, value);
    }

    private static boolean isOwn(Class<?> type) {
        return type.getName().startsWith(OWN_PACKAGE);
    }

    /** Describes the problem by field and position, never by Java type or library names. */
    static ManagerException invalid(JacksonException thrown) {
        // The binder wraps the reader's own failures (limits, duplicates, number ranges) with a partial path.
        JacksonException e = thrown;
        while (e.getCause() instanceof JacksonException cause) {
            e = cause;
        }
        if (e instanceof JsonMappingException) {
            e = thrown;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        String field = field(e);
        String message;
        if (e instanceof StreamConstraintsException) {
            message = "The request body exceeds a limit of the JSON reader: " + limit(e.getOriginalMessage());
        } else if (field == null) {
            message = e instanceof JsonMappingException
                    ? "The request body has the wrong JSON shape for this operation"
                    : "The request body is not well-formed JSON";
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "Unknown field '" + field + "'";
        } else if (e instanceof JsonParseException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            message = "Duplicate field '" + field + "'";
        } else if (e instanceof JsonMappingException || e instanceof InputCoercionException) {
            message = "Field '" + field + "' has the wrong type or value";
        } else {
            message = "The request body is not well-formed JSON";
        }
        if (field != null) {
            details.put("field", field);
        }
        if (e.getLocation() != null) {
            details.put("line", e.getLocation().getLineNr());
            details.put("column", e.getLocation().getColumnNr());
        }
        return new ManagerException(ErrorCode.InvalidRequest, message, details);
    }

    /** The dotted path of the field the problem is in, from the binding or else from the reader; null at the top. */
    private static String field(JacksonException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            Deque<String> names = new ArrayDeque<>();
            for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    names.addFirst(c.getCurrentName());
                } else if (c.inArray()) {
                    names.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
                }
            }
            return names.isEmpty() ? null : String.join(".", names);
        }
        return null;
    }

    /** Which of the reader's limits was hit, told without the library's wording. */
    private static String limit(String libraryMessage) {
        String m = libraryMessage == null ? "" : libraryMessage.toLowerCase(Locale.ROOT);
        if (m.startsWith("number")) {
            return "a number has more than " + JsonMapper.MAX_NUMBER_CHARS + " characters";
        } else if (m.startsWith("string")) {
            return "a string has more than " + JsonMapper.MAX_STRING_CHARS + " characters";
        } else if (m.startsWith("name")) {
            return "a field name has more than " + JsonMapper.MAX_NAME_CHARS + " characters";
        } else if (m.contains("nesting")) {
            return "arrays and objects are nested more than " + JsonMapper.MAX_NESTING_DEPTH + " levels deep";
        }
        return "the body is too large";
    }
}
