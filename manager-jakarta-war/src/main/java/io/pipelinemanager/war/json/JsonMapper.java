package io.pipelinemanager.war.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one Jackson configuration of the REST API. It registers no Jackson modules: DTOs carry
 * timestamps as ISO-8601 strings, and the WildFly WAR must not ship a module registered through
 * {@code ServiceLoader} (WildFly's Hibernate looks them up from the deployment and would load a
 * second Jackson's classes).
 *
 * <p>Reading is strict: a JSON value binds only to a field of its own JSON type (no number or boolean
 * into a string field, no string or fraction into a number field), a key may occur once per object,
 * and unknown fields are refused. The reader's size limits are set here explicitly so that
 * {@link JsonBodyProvider} can describe them.
 */
public final class JsonMapper {

    /** The longest number literal, in characters. */
    public static final int MAX_NUMBER_CHARS = 1000;
    /** The longest string value, in characters: above the 1 MiB code limit, so that limit is reported as such. */
    public static final int MAX_STRING_CHARS = 4 * 1024 * 1024;
    /** The longest field name, in characters. */
    public static final int MAX_NAME_CHARS = 1000;
    /** The deepest nesting of arrays and objects. */
    public static final int MAX_NESTING_DEPTH = 100;

    private static final ObjectMapper MAPPER = create();

    private JsonMapper() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper get() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        Builder builder = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            builder.withCoercionConfig(scalar, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer,
                            scalar == LogicalType.Boolean ? CoercionAction.Fail : CoercionAction.TryConvert));
        }
        ObjectMapper mapper = builder.build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        return mapper;
    }
}
