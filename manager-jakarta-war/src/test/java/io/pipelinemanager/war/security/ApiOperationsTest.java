package io.pipelinemanager.war.security;

import io.pipelinemanager.war.rest.ApiKeyResource;
import io.pipelinemanager.war.rest.AuditResource;
import io.pipelinemanager.war.rest.MeResource;
import io.pipelinemanager.war.rest.OperationsResource;
import io.pipelinemanager.war.rest.PipelineDataResource;
import io.pipelinemanager.war.rest.PipelineResource;
import io.pipelinemanager.war.rest.ProgramResource;
import io.pipelinemanager.core.api.Operation;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every REST operation has a documented role, and only the marked ones are public. */
class ApiOperationsTest {

    private static final List<Class<?>> RESOURCES = List.of(ProgramResource.class, PipelineResource.class,
            PipelineDataResource.class, OperationsResource.class, MeResource.class, ApiKeyResource.class, AuditResource.class);

    @Test
    void theTableNamesExactlyTheOperationsOfTheResources() {
        Set<String> declared = RESOURCES.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(org.eclipse.microprofile.openapi.annotations.Operation.class))
                .map(m -> m.getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class).operationId()).collect(Collectors.toSet());
        assertThat(ApiOperations.operationIds()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared).allMatch(id -> List.of("none", "authenticated", "viewer", "editor", "admin")
                .contains(ApiOperations.requiredRole(id)));
        // The roles come from the core's table.
        assertThat(ApiOperations.requiredRole("createPipeline")).isEqualTo(Operation.PIPELINE_CREATE.requiredRole().wireName());
        assertThat(ApiOperations.requiredRole("me")).isEqualTo("authenticated");
        assertThat(ApiOperations.requiredRole("query")).isEqualTo("viewer");
        assertThat(ApiOperations.requiredRole("ingress")).isEqualTo("editor");
        assertThatThrownBy(() -> ApiOperations.requiredRole("nope")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void publicOperationsAreExactlyTheAnnotatedOnes() {
        for (Class<?> resource : RESOURCES) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.eclipse.microprofile.openapi.annotations.Operation.class)) {
                    boolean isPublic = ApiOperations.PUBLIC.equals(ApiOperations.requiredRole(m.getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class).operationId()));
                    assertThat(m.isAnnotationPresent(PublicOperation.class)).as(m.toString()).isEqualTo(isPublic);
                }
            }
        }
    }
}
