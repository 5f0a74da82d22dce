package io.pipelinemanager.war.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;

/**
 * The one Jackson configuration of the REST API. It registers no Jackson modules: DTOs carry
 * timestamps as ISO-8601 strings, and the WildFly WAR must not ship a module registered through
 * {@code ServiceLoader} (WildFly's Hibernate looks them up from the deployment and would load a
 * second Jackson's classes).
 */
public final class JsonMapper {

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
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .serializationInclusion(JsonInclude.Include.ALWAYS);
        return builder.build();
    }
}
