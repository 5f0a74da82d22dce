package io.pipelinemanager.embedded.server;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pipelinemanager.core.PipelineManager;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-built object graph matches what the application servers build from the WAR: every JAX-RS
 * resource and provider and every servlet and servlet filter that the WAR's classes declare (by the
 * annotations the servers scan for) is registered, so a filter added to the WAR, e.g. for authentication,
 * cannot be silently missing from the embedded API; and nothing that CDI injects in the WAR is left unset (a
 * dependency added to a shared class without its hand-wiring constructor argument fails here, not with a
 * NullPointerException on some request).
 */
class ServedComponentsTest {

    private static final String WAR = "io.pipelinemanager.war";
    private static final String WAR_PACKAGE = WAR + ".";

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
    void everyResourceAndProviderOfTheWarIsRegistered() {
        Set<String> declared = warClassesAnnotatedWith(Path.class.getName(), Provider.class.getName());
        Set<String> registered = Stream.concat(components.resources().stream(), components.providers().stream())
                .map(o -> o.getClass().getName()).collect(Collectors.toSet());
        assertThat(declared).hasSizeGreaterThanOrEqualTo(9);
        assertThat(registered).isEqualTo(declared);
    }

    @Test
    void everyServletAndFilterOfTheWarIsDeployed() {
        Set<String> declared = warClassesAnnotatedWith(WebServlet.class.getName(), WebFilter.class.getName());
        try (ServletDeployment deployment = ServletDeployment.deploy(components)) {
            Set<String> deployed = deployment.servletClasses().stream().map(Class::getName)
                    .filter(name -> name.startsWith(WAR + ".")).collect(Collectors.toSet());
            assertThat(declared).isNotEmpty();
            assertThat(deployed).isEqualTo(declared);
            assertThat(deployment.servletClasses()).contains(HttpServlet30Dispatcher.class, OpenApiServlet.class);
        }
    }

    /** The WAR's main classes (not its tests, which share the package prefix on this class path) with one of the annotations. */
    private static Set<String> warClassesAnnotatedWith(String... annotations) {
        return new ClassFileImporter().importPackages(WAR).stream()
                .filter(c -> !c.getPackageName().startsWith(WAR + ".it") && !isTest(c))
                .filter(c -> Stream.of(annotations).anyMatch(c::isAnnotatedWith))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
    }

    private static boolean isTest(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getSimpleName().endsWith("Test");
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
            boolean hasInitializer = Stream.of(c.getDeclaredMethods()).anyMatch(ServedComponentsTest::isInjected);
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
