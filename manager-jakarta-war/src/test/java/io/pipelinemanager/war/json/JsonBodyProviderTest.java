package io.pipelinemanager.war.json;

import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.war.dto.ErrorBody;
import io.pipelinemanager.war.dto.PipelineCreateRequest;
import io.pipelinemanager.war.dto.ProgramResponse;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The WAR's JSON binding: snake_case in and out, and every malformed body an {@code InvalidRequest}. */
class JsonBodyProviderTest {

    private final JsonBodyProvider provider = new JsonBodyProvider();

    /** Declared only for their generic types. */
    private List<ProgramResponse> programs;
    private List<String> strings;

    @Test
    void readsSnakeCaseIntoRequestRecords() throws IOException {
        PipelineCreateRequest request = read(PipelineCreateRequest.class,
                "{\"name\": \"p\", \"program\": \"orders\", \"config\": {\"max_batch_records\": 5}}");
        assertThat(request.program()).isEqualTo("orders");
        assertThat(request.toSpec().config().maxBatchRecords()).isEqualTo(5);
        assertThat(request.toSpec().config().workers()).isEqualTo(1);
    }

    @Test
    void emptyBodyReadsAsNull() throws IOException {
        assertThat(read(PipelineCreateRequest.class, "")).isNull();
    }

    @Test
    void malformedJsonUnknownFieldsAndWrongTypesAreInvalidRequests() {
        assertThat(refusal("{\"name\": ").getMessage()).contains("not well-formed");
        ManagerException unknown = refusal("{\"name\": \"p\", \"colour\": \"red\"}");
        assertThat(unknown.getMessage()).isEqualTo("Unknown field 'colour'");
        assertThat(unknown.details()).containsEntry("field", "colour");
        ManagerException wrongType = refusal("{\"config\": {\"workers\": \"many\"}}");
        assertThat(wrongType.details()).containsEntry("field", "config.workers");
        assertThat(wrongType.getMessage()).doesNotContain("java.", "io.pipelinemanager");
    }

    @Test
    void scalarsAreNotCoercedIntoOtherTypes() {
        for (String json : List.of("{\"name\": 5}", "{\"name\": true}", "{\"name\": 1.5}", "{\"name\": {}}",
                "{\"name\": [\"p\"]}", "{\"program\": false}")) {
            ManagerException e = refusal(json);
            assertThat(e.details()).as(json).containsKey("field");
            assertThat(e.getMessage()).as(json).startsWith("Field '");
        }
        for (String json : List.of("{\"config\": {\"workers\": \"3\"}}", "{\"config\": {\"workers\": 1.5}}",
                "{\"config\": {\"workers\": true}}", "{\"config\": {\"workers\": \"\"}}",
                "{\"config\": {\"workers\": 99999999999999}}", "{\"config\": {\"workers\": 1e400}}")) {
            assertThat(refusal(json).details()).as(json).containsEntry("field", "config.workers");
        }
    }

    @Test
    void duplicateKeysAreRefusedWithTheField() {
        ManagerException top = refusal("{\"name\": \"a\", \"name\": \"b\"}");
        assertThat(top.getMessage()).isEqualTo("Duplicate field 'name'");
        assertThat(top.details()).containsEntry("field", "name");
        ManagerException nested = refusal("{\"config\": {\"workers\": 1, \"workers\": 2}}");
        assertThat(nested.details()).containsEntry("field", "config.workers");
    }

    @Test
    void limitsAreDescribedWithoutLibraryNames() {
        String longNumber = "{\"config\": {\"workers\": " + "9".repeat(5000) + "}}";
        String longString = "{\"code\": \"" + "x".repeat(JsonMapper.MAX_STRING_CHARS + 1) + "\"}";
        String longName = "{\"" + "x".repeat(60_000) + "\": 1}";
        for (String json : List.of(longNumber, longString, longName)) {
            ManagerException e = refusal(json);
            assertThat(e.getMessage()).doesNotContain("StreamReadConstraints", "Jackson", "jackson", "java.", "`");
            assertThat(e.getMessage()).contains("limit");
        }
    }

    @Test
    void writesSnakeCaseWithNullsAndListsOfOwnTypes() throws Exception {
        assertThat(write(new ErrorBody("UnknownProgram", "No program 'x'", Map.of()), ErrorBody.class))
                .isEqualTo("{\"error_code\":\"UnknownProgram\",\"message\":\"No program 'x'\",\"details\":{}}");
        Type programs = getClass().getDeclaredField("programs").getGenericType();
        Type strings = getClass().getDeclaredField("strings").getGenericType();
        assertThat(provider.isWriteable(List.class, programs, new Annotation[0], MediaType.APPLICATION_JSON_TYPE)).isTrue();
        assertThat(provider.isWriteable(List.class, strings, new Annotation[0], MediaType.APPLICATION_JSON_TYPE)).isFalse();
        assertThat(provider.isWriteable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE)).isFalse();
    }

    private ManagerException refusal(String json) {
        ManagerException e = catchThrowableOfType(ManagerException.class, () -> read(PipelineCreateRequest.class, json));
        assertThat(e).as("refused: " + json).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.InvalidRequest);
        return e;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T read(Class<T> type, String json) throws IOException {
        return (T) provider.readFrom((Class) type, type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String write(Object value, Class<?> type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(value, type, null, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
