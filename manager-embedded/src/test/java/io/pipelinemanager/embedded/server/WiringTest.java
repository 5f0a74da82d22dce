package io.pipelinemanager.embedded.server;

import io.pipelinemanager.core.PipelineManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-built object graph leaves nothing unset that CDI would inject in the WAR: a dependency added
 * to a shared class (an {@code @Inject} field or initializer) without its hand-wiring constructor argument
 * fails here, not with a NullPointerException on some request.
 */
class WiringTest {

    private static final String WAR_PACKAGE = "io.pipelinemanager.war.";

    private static PipelineManager manager;
    private static ServerComponents components;

    @BeforeAll
    static void wire() {
        manager = TestServers.managerOnNewDatabase().build();
        components = new ServerComponents(manager);
    }

    @AfterAll
    static void close() {
        components.close();
        manager.close();
    }

    @Test
    void everyInjectedDependencyOfTheServedComponentsIsSet() throws IllegalAccessException {
        List<String> unset = new ArrayList<>();
        List<Object> all = Stream.concat(components.resources().stream(), components.providers().stream()).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(9);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object component : all) {
            check(component, seen, unset);
        }
        assertThat(seen).as("the graph walked, services included").hasSizeGreaterThan(all.size());
        assertThat(unset).as("dependencies CDI injects in the WAR but the embedded server left unset").isEmpty();
    }

    /** Checks {@code component} and, through its fields, the WAR's objects it uses. */
    private static void check(Object component, Set<Object> seen, List<String> unset) throws IllegalAccessException {
        if (!seen.add(component)) {
            return;
        }
        for (Class<?> c = component.getClass(); c != Object.class; c = c.getSuperclass()) {
            boolean hasInitializer = Stream.of(c.getDeclaredMethods()).anyMatch(WiringTest::isInjected);
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(component);
                // Initializer methods set fields without @Inject on them: every instance field counts then.
                if (value == null && (field.isAnnotationPresent(Inject.class) || hasInitializer)) {
                    unset.add(c.getSimpleName() + "." + field.getName());
                }
                if (value != null && value.getClass().getName().startsWith(WAR_PACKAGE)) {
                    check(value, seen, unset);
                }
            }
        }
    }

    private static boolean isInjected(Method method) {
        return method.isAnnotationPresent(Inject.class);
    }
}
