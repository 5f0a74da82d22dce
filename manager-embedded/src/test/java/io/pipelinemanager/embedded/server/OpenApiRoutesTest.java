package io.pipelinemanager.embedded.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.war.RestApplication;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the embedded server serves describes exactly the operations its resources have:
 * every HTTP method and path of a served resource method is in the document, and nothing else is.
 */
class OpenApiRoutesTest {

    @Test
    void theDocumentListsExactlyTheServedOperations() throws Exception {
        Set<String> served = new TreeSet<>();
        String root = RestApplication.class.getAnnotation(ApplicationPath.class).value();
        try (PipelineManager manager = TestServers.managerOnNewDatabase().build();
             ServerComponents components = new ServerComponents(manager)) {
            for (Object resource : components.resources()) {
                Path type = resource.getClass().getAnnotation(Path.class);
                for (Method method : resource.getClass().getMethods()) {
                    String http = httpMethod(method);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = (root + "/" + type.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                        served.add(http + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = new ObjectMapper().readTree(EmbeddedServer.openApiDocument()).get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        assertThat(served).hasSizeGreaterThan(15).isEqualTo(documented);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
