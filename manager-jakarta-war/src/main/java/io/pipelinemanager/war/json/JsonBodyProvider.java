package io.pipelinemanager.war.json;

import com.fasterxml.jackson.core.JacksonException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code application/json} bodies of the WAR's own types (and lists of them) with
 * {@link JsonMapper}. An empty body reads as null (refused by the resources' validation); malformed
 * JSON, wrong types and unknown fields become {@code InvalidRequest}.
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

    /** Describes the problem by field and position, never by Java type names. */
    private static ManagerException invalid(JacksonException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        String message = "The request body is not well-formed JSON";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            details.put("field", field);
            message = e instanceof UnrecognizedPropertyException
                    ? "Unknown field '" + field + "'"
                    : "Field '" + field + "' has the wrong type or value";
        } else if (e instanceof JsonMappingException) {
            message = "The request body has the wrong JSON shape for this operation";
        }
        if (e.getLocation() != null) {
            details.put("line", e.getLocation().getLineNr());
            details.put("column", e.getLocation().getColumnNr());
        }
        return new ManagerException(ErrorCode.InvalidRequest, message, details);
    }
}
